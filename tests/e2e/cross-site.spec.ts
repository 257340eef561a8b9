// A page on another port of the same host is "same-site": the browser sends Parley's SameSite=Lax session cookie
// with the forms it posts. Parley must refuse what such a page makes a signed-in user's browser send.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";
import { newUserPage, test } from "./helpers";

let attackerSite: Server;
let attackerUrl: string;

test.beforeAll(async ({ baseURL }) => {
  // An empty form: no body, so no "JSON only" rule stands in the way, only the origin check.
  const page = `<!doctype html><title>Prize</title>
    <form method="post" action="${baseURL}/api/conversations"><button>Claim your prize</button></form>`;
  attackerSite = createServer((_, response) => response.writeHead(200, { "Content-Type": "text/html" }).end(page));
  await new Promise<void>((resolve) => attackerSite.listen(0, "127.0.0.1", resolve));
  attackerUrl = `http://127.0.0.1:${(attackerSite.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attackerSite.close(resolve));
});

test("a form on another port cannot make a signed-in user's browser create a conversation", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Target");
  const countConversations = async () =>
    ((await (await page.request.get("/api/conversations")).json()) as { items: unknown[] }).items.length;
  const before = await countConversations();

  await page.goto(attackerUrl);
  await page.getByRole("button", { name: "Claim your prize" }).click();
  await expect(page.getByText("Cross-site request refused")).toBeVisible();

  expect(await countConversations()).toBe(before);
  await context.close();
});
