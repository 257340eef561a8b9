// What a request's log line keeps of its path: ids and route words, never a query string or a secret token.
import { describe, expect, it } from "vitest";
import { pathForLog } from "@/lib/observability/logging";

describe("pathForLog", () => {
  it("keeps route words and row ids, and drops the query string", () => {
    const id = "cmx9swtyp0003w67d7ri5s46v";
    expect(pathForLog(`/api/conversations/${id}/messages?secret=1`)).toBe(`/api/conversations/${id}/messages`);
  });

  it("takes out a share link's or an invitation's token", () => {
    expect(pathForLog("/s/Qk3v9xZ_8pLm2nR7tY1uW4eA6sD0fG5hJ")).toBe("/s/:redacted");
    expect(pathForLog("/invite/Qk3v9xZ_8pLm2nR7tY1uW4eA6sD0fG5hJ/accept")).toBe("/invite/:redacted/accept");
  });
});
