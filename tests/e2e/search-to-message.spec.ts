// A search result opens its conversation at the message it matched: in the version that holds it, with that version
// selected, and far up a long conversation, scrolled into view; the message has the focus and a ring.
import { expect, type Page } from "@playwright/test";
import { chatGptChain } from "../support/large-import";
import { expectNoSeriousViolations, keepScreenshot, newUserPage, send, test } from "./helpers";

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" });
}

function searchMatch(page: Page) {
  return page.getByRole("group", { name: "The message you searched for" });
}

/** `replies`: how many replies the thread shows once this one has started. */
async function waitForReplyToFinish(page: Page, replies = 1) {
  const shown = page.getByRole("article", { name: "Assistant" });
  await expect(shown).toHaveCount(replies);
  await expect(shown.last()).toContainText("word59");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
}

async function openSearchResult(page: Page, text: string) {
  await sidebar(page).getByRole("searchbox", { name: "Search conversations" }).fill(text);
  const results = sidebar(page).getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link")).toHaveCount(1);
  await results.getByRole("link").click();
  await expect(page).toHaveURL((url) => url.searchParams.has("message"));
}

test("a match in the version not shown opens that version, selected, at the message", async ({ browser }, testInfo) => {
  test.slow();
  const { page } = await newUserPage(browser, "Vera");
  const question = page.getByRole("log", { name: "Messages" }).getByRole("article", { name: "You" });
  await send(page, "Plan one: kayak down the fjord");
  await waitForReplyToFinish(page);
  await question.getByRole("button", { name: "Edit message" }).click();
  await page.getByRole("textbox", { name: "Edit message text" }).fill("Plan two: hike up the glacier");
  await page.getByRole("button", { name: "Save & submit" }).click();
  await expect(question).toContainText("hike up the glacier");
  await expect(question.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await waitForReplyToFinish(page);
  await question.getByRole("button", { name: "Previous version" }).click();
  await expect(question).toContainText("kayak down the fjord");
  const conversationPath = new URL(page.url()).pathname;

  // The page makes the thread it opens the current one, as "< >" would (a writer's page).
  const switched = page.waitForResponse((response) => response.url().endsWith("/current-message"));
  await openSearchResult(page, "glacier");
  expect((await switched).status()).toBe(200);
  await expect(searchMatch(page)).toBeFocused();
  await expect(searchMatch(page)).toContainText("Plan two: hike up the glacier");
  await expect(question.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await expect(question.getByText("2/2")).toBeVisible();
  await expect(searchMatch(page)).toBeInViewport();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "search-match-other-version");

  // Opened again from the conversation list, it shows the version the search opened.
  await page.goto(conversationPath);
  await expect(question).toContainText("hike up the glacier");
  await expect(question.getByText("2/2")).toBeVisible();
  await expect(searchMatch(page)).toHaveCount(0);
});

test("a match far up a long conversation is scrolled into view", async ({ browser }, testInfo) => {
  test.slow();
  const { page } = await newUserPage(browser, "Walter");
  // 300 messages of about 2 KB: the match, 295 messages up, is further than the page's first read (512 KB), so the
  // page reads older pages on its own until it has it.
  const count = 300;
  const text = (index: number) =>
    `Message ${index}: ${index === 5 ? "the walrus colony counts forty" : "a long line of text ".repeat(100)}`;
  const imported = await page.request.post("/api/account/import", {
    data: [chatGptChain("Field notes", count, text)],
  });
  expect(imported.status()).toBe(201);
  await page.reload();

  await openSearchResult(page, "walrus colony");
  await expect(searchMatch(page)).toBeFocused();
  await expect(searchMatch(page)).toContainText("Message 5: the walrus colony counts forty");
  await expect(searchMatch(page)).toBeInViewport();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText(`Message ${count - 1}:`)).toHaveCount(0);
  await keepScreenshot(page, testInfo, "search-match-far-up");
});

test("a team's search result opens the conversation at the message", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Tessa");
  await send(page, "Notes on the lighthouse keeper's logbook");
  await waitForReplyToFinish(page);
  await send(page, "Something else entirely");
  await waitForReplyToFinish(page, 2);
  const conversationId = new URL(page.url()).pathname.split("/").at(-1);
  const team = await page.request.post("/api/teams", { data: { name: "Harbour" } });
  const { id: teamId } = (await team.json()) as { id: string };
  const shared = await page.request.put(`/api/conversations/${conversationId}/team`, { data: { teamId } });
  expect(shared.status()).toBe(200);

  await page.goto(`/teams/${teamId}`);
  await page.getByRole("searchbox", { name: "Search the team's conversations" }).fill("lighthouse");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("list", { name: "History" }).getByRole("link").click();
  await expect(page).toHaveURL((url) => url.pathname === `/c/${conversationId}` && url.searchParams.has("message"));
  await expect(searchMatch(page)).toBeFocused();
  await expect(searchMatch(page)).toContainText("lighthouse keeper's logbook");
});
