// History as a user meets it: search by a word from the middle of a message, pin and undo a delete in the sidebar,
// a long conversation that opens at its end, and a conversation exported as JSON and imported back.
import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { chatGptChain } from "../support/large-import";
import { importConversations, newUserPage, send, test } from "./helpers";

async function chat(page: Page, text: string): Promise<string> {
  await page.goto("/");
  await send(page, text);
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");
  return page.url();
}

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" });
}

test("search finds a conversation by a word from the middle of a message", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Searcher");
  const wanted = await chat(page, "We could visit the aquarium on Tuesday, then walk along the river until dinner.");
  await chat(page, "Something else entirely: a list of groceries.");

  await sidebar(page).getByRole("searchbox", { name: "Search conversations" }).fill("aquarium");
  const results = sidebar(page).getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link")).toHaveCount(1);
  await expect(results.getByRole("link")).toContainText("visit the aquarium on Tuesday");
  await results.getByRole("link").click();
  // At the message that matched (search-to-message.spec.ts follows it further).
  await expect(page).toHaveURL((url) => url.pathname === new URL(wanted).pathname && url.searchParams.has("message"));
  await expect(page.getByRole("article", { name: "You" })).toContainText("aquarium");
});

test("a conversation started, renamed or deleted in one tab shows in another tab's sidebar without a reload", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Tabby");
  const other = await context.newPage();
  await other.goto("/");
  await expect(sidebar(other).getByText("No conversations yet")).toBeVisible();

  await chat(page, "Plans for the garden shed");
  // The model's title for it (the fake model's words).
  await expect(sidebar(other).getByRole("link", { name: /^word0/ })).toBeVisible();

  await sidebar(page)
    .getByRole("button", { name: /^Rename / })
    .click();
  await sidebar(page).getByRole("textbox", { name: "Conversation title" }).fill("Shed");
  await sidebar(page).getByRole("textbox", { name: "Conversation title" }).press("Enter");
  await expect(sidebar(other).getByRole("link", { name: "Shed", exact: true })).toBeVisible();

  await sidebar(page).getByRole("button", { name: "Delete Shed" }).click();
  await expect(sidebar(other).getByRole("link", { name: "Shed", exact: true })).toHaveCount(0);
  await context.close();
});

test("the sidebar's next page that failed to load says so with Retry, and a busy server's is tried again after its wait", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Pager");
  // 30 a page: five on the second.
  await importConversations(
    page,
    Array.from({ length: 35 }, (_, index) => `Topic ${index + 1}`),
  );
  // The second page: refused once as no retry would mend (a client error), then once by a busy server asking for 2 s.
  const refusals: { status: number; headers: Record<string, string>; json: unknown }[] = [
    { status: 400, headers: {}, json: { error: { code: "invalid_input", message: "Bad cursor." } } },
    { status: 503, headers: { "Retry-After": "2" }, json: { error: { code: "unavailable", message: "Restarting." } } },
  ];
  const attempts: number[] = [];
  await page.route("**/api/conversations?cursor=*", async (route) => {
    attempts.push(Date.now());
    const refusal = refusals.shift();
    await (refusal ? route.fulfill(refusal) : route.continue());
  });
  await page.reload();
  const topics = sidebar(page).getByRole("link", { name: /^Topic \d+$/ });
  await expect(topics).toHaveCount(30);
  await sidebar(page).getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();

  const retry = sidebar(page).getByRole("button", { name: "Retry", exact: true });
  await expect(retry).toBeVisible();
  await expect(sidebar(page).getByRole("alert")).toHaveText("Could not load more conversations. Bad cursor.");
  expect(attempts).toHaveLength(1);
  await retry.click();
  await expect(topics).toHaveCount(35, { timeout: 10_000 });
  expect(attempts).toHaveLength(3);
  expect((attempts[2] ?? 0) - (attempts[1] ?? 0)).toBeGreaterThanOrEqual(1_900);
  await expect(sidebar(page).getByRole("alert")).toHaveCount(0);
});

test("pins a conversation on top and brings a deleted one back with Undo", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Keeper");
  await chat(page, "First topic");
  await chat(page, "Second topic");
  const list = sidebar(page);
  const titles = list.getByRole("link", { name: /^word0/ });
  await expect(titles).toHaveCount(2);

  await list.getByRole("button", { name: /^Pin / }).last().click();
  const pinned = list.getByRole("region", { name: "Pinned" });
  await expect(pinned.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("region", { name: "Today" }).getByRole("link")).toHaveCount(1);

  await list
    .getByRole("region", { name: "Today" })
    .getByRole("button", { name: /^Delete / })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(titles).toHaveCount(1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(titles).toHaveCount(2);
  await page.reload();
  await expect(titles).toHaveCount(2);
  await expect(pinned.getByRole("link")).toHaveCount(1);
});

test("a long conversation opens at its newest message and shows older ones on scrolling up", async ({ browser }) => {
  // Scrolling through 300 messages a page at a time takes a while on a busy two-core machine.
  test.setTimeout(90_000);
  const { page } = await newUserPage(browser, "Reader");
  const count = 300;
  const text = (index: number) => `Message ${index}: ${"a long line of text ".repeat(20)}`;
  const imported = await page.request.post("/api/account/import", {
    data: [chatGptChain("A very long chat", count, text)],
  });
  expect(imported.status()).toBe(201);
  const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
  await page.goto(`/c/${conversations[0]?.id}`);

  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText(`Message ${count - 1}:`)).toBeInViewport();
  const articles = log.getByRole("article");
  const earliest = log.getByText("Message 0:", { exact: false });
  await log.hover();
  await expect(async () => {
    await page.mouse.wheel(0, -4000);
    await expect(earliest).toBeVisible({ timeout: 250 });
  }).toPass({ intervals: [100], timeout: 60_000 });
  // Windowed: scrolled to the start, the newest messages have left the page.
  expect(await articles.count()).toBeLessThanOrEqual(60);
  await expect(log.getByText(`Message ${count - 1}:`)).toHaveCount(0);
});

test("a thread's earlier messages that failed to load say so with Retry, instead of being asked for again and again", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Returner");
  const count = 120;
  const imported = await page.request.post("/api/account/import", {
    data: [chatGptChain("A long chat", count, (index) => `Message ${index}`)],
  });
  const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
  const attempts: number[] = [];
  let isRefusing = true;
  await page.route("**/thread?before=*", async (route) => {
    attempts.push(Date.now());
    const refusal = { status: 400, json: { error: { code: "invalid_input", message: "Bad cursor." } } };
    await (isRefusing ? route.fulfill(refusal) : route.continue());
  });
  await page.goto(`/c/${conversations[0]?.id}`);

  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText(`Message ${count - 1}`, { exact: true })).toBeInViewport();
  await log.hover();
  const alert = log.getByRole("alert");
  await expect(async () => {
    await page.mouse.wheel(0, -4000);
    await expect(alert).toBeVisible({ timeout: 250 });
  }).toPass({ intervals: [100], timeout: 30_000 });
  await expect(alert).toHaveText("Could not load earlier messages. Bad cursor.");
  // A refusal no retry mends: the end of the thread, still in view, asks no more.
  await page.waitForTimeout(1_000);
  expect(attempts).toHaveLength(1);

  isRefusing = false;
  await log.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(alert).toHaveCount(0);
  await expect(async () => {
    await page.mouse.wheel(0, -4000);
    await expect(log.getByText("Message 0", { exact: true })).toBeVisible({ timeout: 250 });
  }).toPass({ intervals: [100], timeout: 30_000 });
});

test("a conversation exported as JSON imports back with the same messages", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Mover");
  const original = await chat(page, "Remember this: the spare key is under the blue pot.");

  await page.getByRole("button", { name: "Export conversation" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Export as JSON/ }).click();
  const download = await downloading;
  const file = await download.path();
  expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ format: "parley-conversation" });

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("File to import").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Imported 1 conversation");
  await page.getByRole("status").getByRole("link").click();

  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  expect(page.url()).not.toBe(original);
  const messages = page.getByRole("log", { name: "Messages" }).getByRole("article");
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(0)).toHaveText("Remember this: the spare key is under the blue pot.");
  await expect(messages.nth(1)).toContainText("word59");

  // A file whose bytes the export does not carry (as "Export all my data" lists files) is named as left out.
  const exported = JSON.parse(await readFile(file, "utf8")) as {
    conversation: { messages: { role: string; attachments?: { name: string }[] }[] };
  };
  const question = exported.conversation.messages.find((message) => message.role === "USER");
  if (question) question.attachments = [{ name: "floor-plan.pdf" }];
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByText("Files are listed by name only")).toBeVisible();
  await page.getByLabel("File to import").setInputFiles({
    name: "conversation.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const summary = page.getByRole("status");
  await expect(summary).toContainText("Imported 1 conversation");
  await expect(summary).toContainText("1 file was left out; its message was imported without it:");
  await expect(summary.getByRole("listitem").first()).toHaveText(
    "floor-plan.pdf: not in the file (Export all my data lists files by name only)",
  );
});

test("on a phone every row of the drawer offers its actions behind a More button, which a desktop has not", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Thumbs");
  const [openId] = await importConversations(page, ["Open one", "Groceries", "Recipes"]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/c/${openId}`);
  await page.getByRole("button", { name: "Open sidebar" }).click();
  const drawer = page.getByRole("dialog", { name: "Sidebar" });
  await expect(drawer.getByRole("button", { name: "Rename Groceries" })).toBeHidden();

  const more = drawer.getByRole("button", { name: "More actions for Groceries" });
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await drawer.getByRole("button", { name: "Rename Groceries" }).click();
  await drawer.getByRole("textbox", { name: "Conversation title" }).fill("Shopping list");
  await drawer.getByRole("textbox", { name: "Conversation title" }).press("Enter");
  await expect(drawer.getByRole("link", { name: "Shopping list" })).toBeVisible();
  await drawer.getByRole("button", { name: "More actions for Recipes" }).click();
  await drawer.getByRole("button", { name: "Delete Recipes" }).click();
  await expect(drawer.getByRole("link", { name: "Recipes" })).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/c/${openId}$`));

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(sidebar(page).getByRole("button", { name: /^More actions for/ })).toHaveCount(0);
});
