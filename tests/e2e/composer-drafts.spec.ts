// The composer's unsent work as a user meets it: each conversation (and the new chat) keeps its own draft, text and
// files, while the user looks elsewhere, through a reload, until it is sent, and not past signing out; a file that
// failed, or was swept from the server, blocks sending and says so on its chip, with Retry where trying again can
// help; a message waiting for its uploads is never dropped without a word; eleven chips fit on a phone.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { queryDatabase } from "../support/database-query";
import { E2E_ECHO_PREFIX, e2eStackFile } from "../support/e2e-scenario";
import {
  attachWithPaperclip,
  composer,
  expectNoSeriousViolations,
  holdNextUpload,
  keepScreenshot,
  newUserPage,
  PASSWORD,
  send,
  test,
} from "./helpers";

const WAITING = "Sends once the files have uploaded…";

function textFile(name: string, body: string) {
  return { name, mimeType: "text/plain", buffer: Buffer.from(body) };
}

// The composer's files: a sent message lists its own under the same name, each a link that opens the file.
function chips(page: Page) {
  return page.getByRole("list", { name: "Attached files" }).filter({ hasNot: page.getByRole("link") });
}

/** A conversation with one answered message; the sidebar lists it by the title the model gave it. */
async function startConversation(page: Page): Promise<string> {
  await send(page, "Plans for the week");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveAttribute("aria-busy", "false", {
    timeout: 20_000,
  });
  return page.url();
}

function conversationLink(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /^word0/ });
}

// The server's refusal while it is reading as many of the user's documents as one message may carry.
const BUSY = {
  code: "too_many_documents",
  message:
    "10 of your documents are being read or waiting, as many as one message may carry (they are read one at a time). Try again once one is read.",
};

/** Refuses the page's next upload as the server does when it is busy; `held`: only once it is resolved. */
async function refuseNextUploadAsBusy(page: Page, held: Promise<void> = Promise.resolve()) {
  await page.route(
    "**/api/attachments?*",
    async (route) => {
      await held;
      await route.fulfill({ status: 429, json: { error: BUSY } });
    },
    { times: 1 },
  );
}

test("each conversation and the new chat keep their own unsent draft through a reload until it is sent; signing out clears them", async ({
  browser,
}) => {
  const { page, email } = await newUserPage(browser, "Drafter");
  const conversationUrl = await startConversation(page);
  await composer(page).fill("Half a thought about the budget");
  await attachWithPaperclip(page, [textFile("budget.txt", "Budget is 40 units")]);
  await expect(chips(page).getByRole("listitem")).toHaveCount(1);
  await expect(chips(page).getByRole("status")).toHaveCount(0);

  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  await expect(composer(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(0);
  await composer(page).fill("Something for a new chat");
  await attachWithPaperclip(page, [textFile("idea.txt", "Idea facts")]);
  await expect(chips(page).getByRole("status")).toHaveCount(0);

  await conversationLink(page).click();
  await expect(page).toHaveURL(conversationUrl);
  await expect(composer(page)).toHaveValue("Half a thought about the budget");
  await expect(chips(page).getByRole("listitem")).toHaveText([/^budget\.txt/]);

  await page.reload();
  await expect(composer(page)).toHaveValue("Half a thought about the budget");
  await expect(chips(page).getByRole("listitem")).toHaveText([/^budget\.txt/]);

  await composer(page).fill(`${E2E_ECHO_PREFIX}what is the budget?`);
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" }).last()).toContainText("Budget is 40 units");
  await expect(composer(page)).toHaveValue("");

  await page.getByRole("link", { name: "New chat" }).click();
  await expect(composer(page)).toHaveValue("Something for a new chat");
  await expect(chips(page).getByRole("listitem")).toHaveText([/^idea\.txt/]);
  // Sent: nothing of it is offered again.
  await conversationLink(page).click();
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(2);
  await expect(composer(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(0);

  // A shared computer: whoever signs in next in this tab finds nothing of it, the same account included.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  await expect(composer(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(0);
});

test("a message the server saved before the user left is not offered again as the draft, nor sent twice", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Hurrier");
  const conversationUrl = await startConversation(page);
  await attachWithPaperclip(page, [textFile("agenda.txt", "Agenda facts")]);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  // The server takes the message and answers, but the answer reaches the page only after the user has left.
  let markSaved = () => {};
  const saved = new Promise<void>((resolve) => {
    markSaved = resolve;
  });
  await page.route("**/api/conversations/*/messages", async (route) => {
    await route.fetch();
    markSaved();
  });
  await send(page, `${E2E_ECHO_PREFIX}read the agenda`);
  await saved;
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  await page.unrouteAll({ behavior: "ignoreErrors" });

  await conversationLink(page).click();
  await expect(page).toHaveURL(conversationUrl);
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(2);
  await expect(page.getByRole("article", { name: "Assistant" }).last()).toContainText("Agenda facts");
  await expect(composer(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(0);
});

test("a sign-out the server never heard keeps the drafts; deleting the account clears them from the tab", async ({
  browser,
}) => {
  const { page, email } = await newUserPage(browser, "Keeper");
  await composer(page).fill("Keep this while the server is away");
  await page.route("**/api/auth/signout", (route) => route.abort("connectionreset"), { times: 1 });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeEnabled();
  await page.reload();
  await expect(composer(page)).toHaveValue("Keep this while the server is away");

  await page.goto("/settings");
  const account = page.getByRole("region", { name: "Account" });
  const deletion = account.locator("form").filter({ has: page.getByRole("button", { name: "Delete my account" }) });
  await deletion.getByLabel(`Type ${email} to confirm`).fill(email);
  await deletion.getByLabel("Current password").fill(PASSWORD);
  await deletion.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  const drafts = await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("parley.")));
  expect(drafts).toEqual([]);
});

test("a file still uploading when the user leaves lands in that conversation's draft, and the message waiting for it comes back unsent, saying so", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Leaver");
  const conversationUrl = await startConversation(page);
  const finishUpload = await holdNextUpload(page);
  await attachWithPaperclip(page, [textFile("slow.txt", "Slow facts")]);
  await composer(page).fill(`${E2E_ECHO_PREFIX}read the slow file`);
  await composer(page).press("Enter");
  await expect(page.getByText(WAITING)).toBeVisible();

  await page.getByRole("link", { name: "New chat" }).click();
  await expect(composer(page)).toHaveValue("");
  const uploaded = page.waitForResponse("**/api/attachments?*");
  finishUpload();
  expect((await uploaded).status()).toBe(201);

  await conversationLink(page).click();
  await expect(page).toHaveURL(conversationUrl);
  await expect(page.getByRole("status").filter({ hasText: "Not sent:" })).toHaveText(
    "Not sent: you left before its files had uploaded. Send it when you are ready.",
  );
  await expect(composer(page)).toHaveValue(`${E2E_ECHO_PREFIX}read the slow file`);
  await expect(composer(page)).toBeEditable();
  await expect(chips(page).getByRole("listitem")).toHaveText([/^slow\.txt/]);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(1);
  await keepScreenshot(page, testInfo, "drafts-left-while-uploading");
  // Changed, the draft is no longer the message that was not sent: the note goes.
  await composer(page).fill(`${E2E_ECHO_PREFIX}read the slow file now`);
  await expect(page.getByText("Not sent:")).toHaveCount(0);

  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" }).last()).toContainText("Slow facts");
  await expect(page.getByText("Not sent:")).toHaveCount(0);
});

test("a reload keeps the text of a message waiting for its upload, unsent, and names the file whose upload it stopped", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Reloader");
  await holdNextUpload(page);
  await attachWithPaperclip(page, [textFile("large.txt", "Large facts")]);
  await composer(page).fill("Read this after lunch");
  await composer(page).press("Enter");
  await expect(page.getByText(WAITING)).toBeVisible();

  await page.reload();
  await expect(composer(page)).toHaveValue("Read this after lunch");
  await expect(page.getByRole("status").filter({ hasText: "Not sent:" })).toHaveText(
    "Not sent: you left before its files had uploaded. Send it when you are ready.",
  );
  await expect(chips(page).getByRole("alert")).toHaveText(
    "The upload stopped when the page was reloaded. Attach it again.",
  );
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
});

test("a file refused because the server is busy blocks sending, points the user at it, and is retried from the keyboard", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Retrier");
  await refuseNextUploadAsBusy(page);
  await attachWithPaperclip(page, [textFile("busy.txt", "Busy facts")]);
  await expect(chips(page).getByRole("alert")).toContainText("read one at a time");
  const retry = chips(page).getByRole("button", { name: "Retry busy.txt" });
  await expect(retry).toBeVisible();

  await composer(page).fill(`${E2E_ECHO_PREFIX}read the busy file`);
  await composer(page).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Not sent:" })).toHaveText(
    "Not sent: busy.txt cannot be sent as it is.",
  );
  await expect(retry).toBeFocused();
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(0);
  await expect(composer(page)).toHaveValue(`${E2E_ECHO_PREFIX}read the busy file`);
  await keepScreenshot(page, testInfo, "drafts-retry-blocked");

  await page.keyboard.press("Enter");
  // Retry goes away with the failure: the focus stays on the file, at its Remove.
  await expect(chips(page).getByRole("button", { name: "Remove busy.txt" })).toBeFocused();
  await expect(chips(page).getByRole("alert")).toHaveCount(0);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  await expect(retry).toHaveCount(0);
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Busy facts");

  // A lost connection can be retried too; a file Parley cannot read cannot, and blocks sending until removed.
  await page.route("**/api/attachments?*", (route) => route.abort("connectionreset"), { times: 1 });
  await attachWithPaperclip(page, [textFile("flaky.txt", "Flaky facts")]);
  await expect(chips(page).getByRole("alert")).toHaveText("Could not reach the server. Check your connection.");
  await chips(page).getByRole("button", { name: "Retry flaky.txt" }).click();
  await expect(chips(page).getByRole("alert")).toHaveCount(0);
  const program = (name: string) => ({
    name,
    mimeType: "application/octet-stream",
    buffer: Buffer.from([0x4d, 0x5a, 0x00, 0x01]),
  });
  await attachWithPaperclip(page, [program("program.exe"), program("setup.exe")]);
  await expect(chips(page).getByRole("alert")).toHaveCount(2);
  await expect(chips(page).getByRole("alert").first()).toContainText("not a file Parley can read");
  await expect(chips(page).getByRole("button", { name: "Retry program.exe" })).toHaveCount(0);
  await composer(page).fill("Anything?");
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await composer(page).press("Enter");
  await expect(chips(page).getByRole("button", { name: "Remove program.exe" })).toBeFocused();
  // Each removal hands the focus to the next file, and after the last one back to the message.
  await page.keyboard.press("Enter");
  await expect(chips(page).getByRole("button", { name: "Remove setup.exe" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(composer(page)).toBeFocused();
  await expect(chips(page).getByRole("listitem")).toHaveText([/^flaky\.txt/]);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
});

test("the edit form says why it does not save: a file that failed takes the focus, after waiting for it too", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Reviser");
  await send(page, `${E2E_ECHO_PREFIX}first version`);
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveAttribute("aria-busy", "false");
  await page.getByRole("article", { name: "You" }).getByRole("button", { name: "Edit message" }).click();
  const editor = page.getByRole("article", { name: "You" });
  const box = editor.getByRole("textbox", { name: "Edit message text" });
  let release = () => {};
  await refuseNextUploadAsBusy(page, new Promise<void>((resolve) => (release = resolve)));
  await attachWithPaperclip(page, [textFile("late.txt", "Late facts")], editor);
  await box.fill(`${E2E_ECHO_PREFIX}second version`);
  await box.press("Enter");
  await expect(editor.getByText(WAITING)).toBeVisible();

  release();
  const status = editor.getByRole("status").filter({ hasText: "Not sent:" });
  await expect(status).toHaveText("Not sent: late.txt cannot be sent as it is.");
  const retry = editor.getByRole("button", { name: "Retry late.txt" });
  await expect(retry).toBeFocused();
  await expect(editor.getByRole("button", { name: "Save & submit" })).toBeDisabled();
  await keepScreenshot(page, testInfo, "drafts-edit-form-failed-chip");
  await box.focus();
  await page.keyboard.press("Enter");
  await expect(retry).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(status).toHaveCount(0);
  await box.press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Late facts");
});

test("removing the file still uploading lets the waiting message go with the others", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Remover");
  await attachWithPaperclip(page, [textFile("ready.txt", "Ready facts")]);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  // Never released: removing the file aborts its upload.
  await holdNextUpload(page);
  await attachWithPaperclip(page, [textFile("slow.txt", "Slow facts")]);
  await composer(page).fill(`${E2E_ECHO_PREFIX}read what is there`);
  await composer(page).press("Enter");
  await expect(page.getByText(WAITING)).toBeVisible();

  await chips(page).getByRole("button", { name: "Remove slow.txt" }).click();
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("Ready facts");
  await expect(reply).not.toContainText("Slow facts");
  const sent = page.getByRole("article", { name: "You" }).getByRole("list", { name: "Attached files" });
  await expect(sent.getByRole("link")).toHaveText([/^ready\.txt/]);
});

test("a draft's file swept from the server while unsent says so on its chip instead of failing the send", async ({
  browser,
  baseURL,
}) => {
  const { databaseUrl } = JSON.parse(readFileSync(e2eStackFile(baseURL ?? ""), "utf8")) as { databaseUrl: string };
  const { page } = await newUserPage(browser, "Sweeper");
  await startConversation(page);
  // Only the timers set from here on are the fake clock's (the file's expiry among them), not the whole page's.
  await page.clock.install();
  const name = `old-${randomUUID().slice(0, 8)}.txt`;
  await attachWithPaperclip(page, [textFile(name, "Old facts")]);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  await composer(page).fill("Back after lunch");

  await page.getByRole("link", { name: "New chat" }).click();
  // What the hourly sweep of unclaimed uploads does (lib/server/clean-up-sweep.ts), an hour later.
  await queryDatabase(databaseUrl, `DELETE FROM "Attachment" WHERE name = $1 AND "messageId" IS NULL`, [name]);
  // The chip says so 50 minutes after the upload, before the sweep may have removed it (draft-files.ts).
  await page.clock.fastForward(51 * 60_000);

  await conversationLink(page).click();
  await expect(chips(page).getByRole("alert")).toHaveText(
    "Removed from the server after an hour unsent. Attach it again.",
  );
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await composer(page).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Not sent:" })).toHaveText(
    `Not sent: ${name} cannot be sent as it is.`,
  );
  const remove = chips(page).getByRole("button", { name: `Remove ${name}` });
  await expect(remove).toBeFocused();
  await remove.click();
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(2);
  await expect(chips(page)).toHaveCount(0);
});

test("on a phone, eleven chips scroll within the composer and the conversation's heading stays where it was", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Phoner");
  await page.setViewportSize({ width: 375, height: 667 });
  await startConversation(page);
  const heading = page.getByRole("heading", { level: 1 });
  const before = await heading.boundingBox();
  const files = Array.from({ length: 11 }, (_, index) => textFile(`notes-${index + 1}.txt`, `Note ${index + 1}`));
  await attachWithPaperclip(page, files);
  await expect(chips(page).getByRole("listitem")).toHaveCount(11);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  await expect(chips(page).getByRole("alert")).toHaveCount(1);

  expect(await heading.boundingBox()).toEqual(before);
  await expect(page.getByRole("button", { name: "Open sidebar" })).toBeInViewport();
  await expect(composer(page)).toBeInViewport();
  // The list scrolls: its last chip, refused past the count, is reached within it.
  const last = chips(page).getByRole("listitem").last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  expect(await heading.boundingBox()).toEqual(before);
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "drafts-eleven-chips-phone");
});

test("a Chinese user reads the new words: Retry on a busy file and why nothing was sent", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("姓名").fill("韩梅梅");
  await page.getByLabel("邮箱").fill(`hanmeimei-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  const box = page.getByRole("textbox", { name: "消息", exact: true });
  await expect(box).toBeVisible();

  await refuseNextUploadAsBusy(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "附加文件" }).click();
  await (await chooser).setFiles([textFile("busy.txt", "Busy facts")]);
  const list = page.getByRole("list", { name: "附加的文件" });
  await expect(list.getByRole("alert")).toHaveText(
    "你的文档会逐个读取，正在读取和等待的文档已达一条消息可携带的数量。请等其中一个读完后再试。",
  );
  await box.fill("你好");
  await box.press("Enter");
  await expect(list.getByRole("button", { name: "重试 busy.txt" })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "未发送" })).toHaveText(
    "未发送：busy.txt 目前无法随消息发送。",
  );
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "drafts-retry-zh");
  await page.setViewportSize({ width: 375, height: 667 });
  await keepScreenshot(page, testInfo, "drafts-retry-zh-phone");

  // The edit form says the same, in the same words.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press("Enter");
  await expect(list.getByRole("alert")).toHaveCount(0);
  await box.press("Enter");
  await page.getByRole("article").first().getByRole("button", { name: "编辑消息" }).click();
  const editor = page.getByRole("article").first();
  await refuseNextUploadAsBusy(page);
  const editChooser = page.waitForEvent("filechooser");
  await editor.getByRole("button", { name: "附加文件" }).click();
  await (await editChooser).setFiles([textFile("late.txt", "Late facts")]);
  await editor.getByRole("textbox", { name: "编辑消息内容" }).press("Enter");
  await expect(editor.getByRole("button", { name: "重试 late.txt" })).toBeFocused();
  await expect(editor.getByRole("status").filter({ hasText: "未发送" })).toHaveText(
    "未发送：late.txt 目前无法随消息发送。",
  );
  await keepScreenshot(page, testInfo, "drafts-edit-form-failed-chip-zh");
});

test("a file's refusal on its chip follows the user's change of language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("邮箱").fill(`lilei-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByRole("textbox", { name: "消息", exact: true })).toBeVisible();
  await refuseNextUploadAsBusy(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "附加文件" }).click();
  await (await chooser).setFiles([textFile("busy.txt", "Busy facts")]);
  await expect(page.getByRole("list", { name: "附加的文件" }).getByRole("alert")).toContainText("你的文档会逐个读取");

  await page.getByRole("link", { name: "设置" }).click();
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New chat" }).click();
  const list = page.getByRole("list", { name: "Attached files" });
  await expect(list.getByRole("alert")).toHaveText(BUSY.message);
  await expect(list.getByRole("button", { name: "Retry busy.txt" })).toBeVisible();
  await context.close();
});
