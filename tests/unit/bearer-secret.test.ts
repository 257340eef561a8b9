// What a /v1 caller is told when the key is not read from its request: a key sent where the SDKs do not put it is
// said to be missing (with where to put it), not to be incorrect; a wrong key is told it is incorrect.
import { describe, expect, it } from "vitest";
import { readBearerSecret } from "@/lib/api-keys/authenticate-api-key";
import { AppError } from "@/lib/errors";

const KEY = `sk-parley-${"A".repeat(43)}`;

function refusalOf(header: string | undefined): string {
  try {
    readBearerSecret(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unauthorized");
    return (error as AppError).message;
  }
  throw new Error(`${header} was accepted`);
}

describe("reading the key of a /v1 request", () => {
  it("takes the key of an Authorization: Bearer header", () => {
    expect(readBearerSecret(`Bearer ${KEY}`)).toBe(KEY);
    expect(readBearerSecret(`bearer ${KEY}`)).toBe(KEY);
  });

  it("says the key is missing, and where it goes, when there is no Bearer header", () => {
    for (const header of [undefined, "", KEY, `Basic ${KEY}`, "Bearer"]) {
      expect(refusalOf(header), String(header)).toBe(
        "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer sk-parley-…).",
      );
    }
  });

  it("says a Bearer value that is no Parley key is incorrect", () => {
    for (const header of ["Bearer sk-proj-abc", `Bearer ${KEY}x`]) {
      expect(refusalOf(header), header).toBe(
        "Incorrect API key provided. Create one in Parley under Settings → API keys.",
      );
    }
  });
});
