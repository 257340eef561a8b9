// As a user would: register, chat with a streamed reply, reload, stop, and stay out of others' conversations.
import { expect } from "@playwright/test";
import { composer, cutNextReplyStream, newUserPage, PASSWORD, send, test } from "./helpers";

test("a new user chats, watches the reply stream in, and finds the conversation after a reload", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Ada");
  await send(page, "Hello from the browser");

  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("word0");
  const earlyLength = (await reply.textContent())?.length ?? 0;
  await expect(reply).toContainText("word20");
  expect((await reply.textContent())?.length ?? 0).toBeGreaterThan(earlyLength);
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(reply).toContainText("word59");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  await page.reload();
  const messages = page.getByRole("log", { name: "Messages" }).getByRole("article");
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(0)).toHaveAccessibleName("You");
  await expect(messages.nth(0)).toHaveText("Hello from the browser");
  await expect(messages.nth(1)).toHaveAccessibleName("Assistant");
  await expect(messages.nth(1)).toContainText("word59");

  const conversations = page.getByRole("navigation", { name: "Conversations" });
  // The model titles the conversation after the first reply; the fake model's answer starts "word0 word1".
  await expect(conversations.getByRole("link", { name: /^word0 word1/ })).toBeVisible();
});

test("Shift+Enter adds a line and Stop keeps the partial reply", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Grace");
  const composer = page.getByLabel("Message");
  await composer.fill("First line");
  await composer.press("Shift+Enter");
  await composer.pressSequentially("second line");
  await expect(composer).toHaveValue("First line\nsecond line");
  await composer.press("Enter");

  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("word3");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(reply.getByText("Stopped")).toBeVisible();
  const stoppedText = await reply.textContent();
  expect(stoppedText).not.toContain("word59");

  await page.reload();
  await expect(page.getByRole("article", { name: "You" })).toHaveText("First line\nsecond line");
  await expect(page.getByRole("article", { name: "Assistant" }).getByText("Stopped")).toBeVisible();
});

test("a second user cannot open the first user's conversation", async ({ browser }) => {
  const first = await newUserPage(browser, "Owner");
  await send(first.page, "My private plans");
  await expect(first.page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const conversationUrl = first.page.url();

  const second = await newUserPage(browser, "Intruder");
  await second.page.goto(conversationUrl);
  await expect(second.page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
  await expect(second.page.getByText("My private plans")).toHaveCount(0);
  await expect(
    second.page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /My private plans|^word0/ }),
  ).toHaveCount(0);
});

test("signing out ends the session and pages send visitors to sign-in", async ({ browser }) => {
  const { page, email } = await newUserPage(browser, "Linus");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid" })).toHaveText("Invalid email or password.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Message")).toBeVisible();
});

test("a conversation's page arrives with its thread: shown without JavaScript, and not fetched again", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Turing");
  await send(page, "Remember this line");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");
  const conversationPath = new URL(page.url()).pathname;
  const conversationId = conversationPath.split("/").at(-1) ?? "";

  // The server renders the thread into the page itself.
  const withoutScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await context.storageState(),
  });
  const plainPage = await withoutScript.newPage();
  await plainPage.goto(conversationPath);
  await expect(plainPage.getByRole("article", { name: "You" })).toHaveText("Remember this line");
  await expect(plainPage.getByRole("article", { name: "Assistant" })).toContainText("word59");
  await withoutScript.close();

  // And the browser does not ask for it once more after the page loaded.
  const threadRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/conversations/${conversationId}`) threadRequests.push(request.url());
  });
  await page.reload();
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  expect(threadRequests).toEqual([]);
});

test("a message from a second tab while the first tab's reply streams is given back, and that tab follows the reply", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Tabs");
  await send(page, "First question");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("article", { name: "Assistant" })).toContainText("word59");

  await send(page, "Second question");
  await expect(page.getByRole("article", { name: "Assistant" }).last()).toContainText("word1");
  await send(other, "From the other tab");
  // Refused with its reason, the text back in the composer, and the other tab's reply followed to its end.
  await expect(other.getByRole("alert").filter({ hasText: "A reply is still being written here" })).toBeVisible();
  await expect(composer(other)).toHaveValue("From the other tab");
  await expect(other.getByRole("article", { name: "You" }).last()).toHaveText("Second question");
  await expect(other.getByRole("article", { name: "Assistant" }).last()).toContainText("word59");

  await composer(other).press("Enter");
  await expect(other.getByRole("article", { name: "You" }).last()).toHaveText("From the other tab");
  await expect(other.getByRole("article", { name: "Assistant" }).last()).toContainText("word59");
});

test("a reply whose stream is cut mid-way, the network still down a moment later, is resumed: the whole reply arrives, with no error", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Resume");
  await send(page, "First question");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");

  // The next message's stream is cut after three deltas, as a proxy or a flaky network would; the reply goes on.
  await cutNextReplyStream(page, 3);
  // The network is still down for the first attempt to get the reply back.
  await page.route("**/api/conversations/*/stream", (route) => route.abort("internetdisconnected"), { times: 1 });
  await send(page, "Second question");
  const replies = page.getByRole("article", { name: "Assistant" });
  await expect(replies).toHaveCount(2);
  await expect(replies.nth(1)).toContainText("word59");
  await expect(replies.nth(1)).toHaveAttribute("aria-busy", "false");
  await expect(page.getByText("The connection was lost")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("article", { name: "Assistant" }).nth(1)).toContainText("word59");
});
