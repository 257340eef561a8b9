// Every response carries the baseline security headers, whoever serves it: Next's pages and routes, and the
// event-stream routes served on node:http beside Next (their streams and their error bodies alike).
import { expect, it } from "vitest";
import { makeSignedInUser } from "../support/factories";
import { collectEvents } from "../support/read-events";
import { anonymousClient } from "../support/session-client";

function expectBaseline(response: Response, referrerPolicy = "strict-origin-when-cross-origin") {
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe(referrerPolicy);
  expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
}

it("sets them on pages, route handlers, event streams and their errors; share pages send no referrer", async () => {
  const anonymous = anonymousClient();
  for (const path of ["/sign-in", "/api/health"]) {
    const response = await anonymous.fetch(path);
    await response.arrayBuffer();
    expectBaseline(response);
  }
  // No injected <base> can redirect the page's relative URLs, its form actions included.
  const page = await anonymous.fetch("/sign-in");
  await page.arrayBuffer();
  expect(page.headers.get("content-security-policy")).toContain("base-uri 'none'");
  const refused = await anonymous.json("/api/conversations/c0000000000000000000000/messages", { content: "Hi" });
  expect(refused.status).toBe(401);
  await refused.arrayBuffer();
  expectBaseline(refused);

  const user = await makeSignedInUser();
  const { id } = (await (await user.json("/api/conversations", {})).json()) as { id: string };
  const stream = await user.json(`/api/conversations/${id}/messages`, { content: "Hi" });
  expect(stream.headers.get("content-type")).toContain("text/event-stream");
  expectBaseline(stream);
  await collectEvents(stream);

  const sharePage = await anonymous.fetch(`/s/${"A".repeat(43)}`);
  expect(sharePage.status).toBe(404);
  await sharePage.arrayBuffer();
  expectBaseline(sharePage, "no-referrer");
});
