// Parley behind a reverse proxy that speaks TLS to browsers and plain HTTP to Parley (deploy/nginx.conf), which says
// so with X-Forwarded-Proto: https.
import { readFileSync } from "node:fs";
import { expect, inject, it } from "vitest";
import { makeUser } from "../support/factories";

/** The sign-in form's server action, called as the page's script calls it (React's encoding of its arguments). */
async function signInThroughAction(
  baseUrl: string,
  user: { email: string; password: string },
  headers: Record<string, string>,
) {
  const page = await (await fetch(`${baseUrl}/sign-in`)).text();
  const reference = page.match(/name="\$ACTION_1:0" value="([^"]*)"/)?.[1]?.replaceAll("&quot;", '"');
  const { id } = JSON.parse(reference ?? "{}") as { id?: string };
  const form = new FormData();
  form.append("_1_email", user.email);
  form.append("_1_password", user.password);
  form.append("_1_callbackUrl", "/");
  form.append("0", JSON.stringify([{ isRejected: false, email: "" }, "$K1"]));
  return fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id ?? "", origin: baseUrl, accept: "text/x-component", ...headers },
    body: form,
  });
}

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
