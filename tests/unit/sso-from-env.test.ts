// SSO_PROVIDERS: what a headless install writes, read as the console's form is, with errors that name the fix.
import { describe, expect, it } from "vitest";
import { parseSsoProvidersEnv } from "@/lib/sso/sso-from-env";

describe("parseSsoProvidersEnv", () => {
  it("reads providers with the console's defaults", () => {
    const [provider] = parseSsoProvidersEnv(
      JSON.stringify([
        { slug: "corp", label: "Corp", issuer: "https://id.corp.example", clientId: "a", clientSecret: "b" },
      ]),
    );
    expect(provider).toMatchObject({ slug: "corp", scopes: "openid email profile", allowLinking: false });
  });

  it("says what is wrong: not JSON, or a field", () => {
    expect(() => parseSsoProvidersEnv("{oops")).toThrow(/not valid JSON/);
    expect(() => parseSsoProvidersEnv(JSON.stringify([{ slug: "Bad Slug" }]))).toThrow(/SSO_PROVIDERS: 0\.slug/);
  });
});
