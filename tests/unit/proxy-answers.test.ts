// Answers that are not Parley's own: a reverse proxy in front of it refused a body over its limit or could not reach
// a process, and said so with an HTML page. The user reads what happened, not "Could not reach the server".
import { describe, expect, it } from "vitest";
import { readApiError } from "@/app/_components/api/api-client";
import { readUploadAnswer } from "@/app/_components/attachments/upload-file";

const NGINX_413 =
  "<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>";

describe("an answer from the proxy in front of Parley", () => {
  it("says a file was larger than the proxy takes, and who can change that", () => {
    const answer = readUploadAnswer(413, NGINX_413);
    expect(answer).toEqual({
      isOk: false,
      error: expect.objectContaining({ code: "proxy_too_large", message: expect.stringMatching(/Ask an admin/) }),
    });
  });

  it("says the server did not answer when the proxy could not reach it, for uploads and other requests", async () => {
    expect(readUploadAnswer(502, "<html>502 Bad Gateway</html>")).toMatchObject({
      error: { code: "proxy_unreachable" },
    });
    const error = await readApiError(new Response("<html>504 Gateway Time-out</html>", { status: 504 }));
    expect(error.code).toBe("proxy_unreachable");
  });

  it("keeps Parley's own refusal when the answer is Parley's", () => {
    const own = { error: { code: "payload_too_large", message: "Files are limited to 20 MB." } };
    expect(readUploadAnswer(413, JSON.stringify(own))).toEqual({ isOk: false, error: own.error });
  });
});
