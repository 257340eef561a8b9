// Parley behind a reverse proxy that speaks TLS to browsers and plain HTTP to Parley (deploy/nginx.conf), which says
// so with X-Forwarded-Proto: https.
import { readFileSync } from "node:fs";
import { expect, inject, it } from "vitest";
import { makeUser } from "../support/factories";
import { signInThroughAction } from "../support/sign-in-action";

it("signs in and sends the next page in the same answer, with no error logged, when the proxy spoke https", async () => {
  const baseUrl = inject("baseUrl");
  const user = await makeUser();
  const logBefore = readFileSync(inject("serverLogFile"), "utf8").length;
  const response = await signInThroughAction(baseUrl, user, { "x-forwarded-proto": "https" });
  expect(response.headers.get("set-cookie")).toContain("session-token");
  expect(response.headers.get("x-action-redirect")).toMatch(/^\/;/);
  // The home page rendered by the same request (Next asks its own port for it): no second trip for the browser.
  expect(response.headers.get("content-type")).toMatch(/^text\/x-component/);
  await response.text();
  const logged = readFileSync(inject("serverLogFile"), "utf8").slice(logBefore);
  expect(logged).not.toContain("failed to get redirect response");
});
