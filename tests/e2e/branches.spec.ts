// Versions of a conversation as a user meets them: edit a message, regenerate a reply, switch between the
// versions, and reload in the middle of a reply. The fake model always answers "word0 … word59" (50 ms a word), so
// these tests look at structure (counts, version labels, the user's text), not at different reply texts.
import { expect, type Page } from "@playwright/test";
import { newUserPage, send, test } from "./helpers";

function thread(page: Page) {
  const log = page.getByRole("log", { name: "Messages" });
  return {
    messages: log.getByRole("article"),
    question: log.getByRole("article", { name: "You" }),
    reply: log.getByRole("article", { name: "Assistant" }),
  };
}

async function waitForReplyToFinish(page: Page) {
  await expect(thread(page).reply).toContainText("word59");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
}

test("editing a message makes a second version that can be switched back and survives a reload", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Edith");
  const { messages, question, reply } = thread(page);
  await send(page, "First version");
  await waitForReplyToFinish(page);

  await question.getByRole("button", { name: "Edit message" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message text" });
  await expect(editor).toHaveValue("First version");
  await editor.fill("Second version");
  await page.getByRole("button", { name: "Save & submit" }).click();

  await expect(question).toContainText("Second version");
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect(reply).toContainText("word0");
  await waitForReplyToFinish(page);
  await expect(messages).toHaveCount(2);
  await expect(question.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await expect(question.getByText("2/2")).toBeVisible();

  await question.getByRole("button", { name: "Previous version" }).click();
  await expect(question).toContainText("First version");
  await expect(question).not.toContainText("Second version");
  await expect(question.getByRole("group", { name: "Version 1 of 2" })).toBeVisible();
  await expect(question.getByText("1/2")).toBeVisible();
  await expect(reply).toContainText("word59");
  await expect(messages).toHaveCount(2);

  await page.reload();
  await expect(question).toContainText("First version");
  await expect(question.getByRole("group", { name: "Version 1 of 2" })).toBeVisible();
  await expect(question.getByRole("button", { name: "Next version" })).toBeEnabled();
  await question.getByRole("button", { name: "Next version" }).click();
  await expect(question).toContainText("Second version");
});

test("regenerating a reply streams a new version beside the first", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Regina");
  const { messages, question, reply } = thread(page);
  await send(page, "Tell me a story");
  await waitForReplyToFinish(page);
  await expect(reply.getByRole("group", { name: /^Version/ })).toHaveCount(0);

  await reply.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect(reply).toHaveAttribute("aria-busy", "true");
  await expect(reply).not.toContainText("word59");
  await waitForReplyToFinish(page);
  await expect(reply.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await expect(reply.getByText("2/2")).toBeVisible();
  await expect(messages).toHaveCount(2);
  await expect(question).toHaveText("Tell me a story");

  await reply.getByRole("button", { name: "Previous version" }).click();
  await expect(reply.getByRole("group", { name: "Version 1 of 2" })).toBeVisible();
  await expect(reply).toContainText("word59");
  await expect(messages).toHaveCount(2);

  await page.reload();
  await expect(reply.getByRole("group", { name: "Version 1 of 2" })).toBeVisible();
});

test("a stopped reply can be regenerated and the new reply completes", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Stella");
  const { messages, reply } = thread(page);
  await send(page, "Count slowly");
  await expect(reply).toContainText("word3");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(reply.getByText("Stopped")).toBeVisible();
  expect(await reply.textContent()).not.toContain("word59");

  await reply.getByRole("button", { name: "Regenerate" }).click();
  await waitForReplyToFinish(page);
  await expect(reply.getByText("Stopped")).toHaveCount(0);
  await expect(reply.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await expect(messages).toHaveCount(2);
});

test("a reload during a reply re-attaches to it without repeating text", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Ray");
  const { messages, reply } = thread(page);
  await send(page, "Keep talking");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(reply).toContainText("word5");

  await page.reload();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect(reply).toHaveAttribute("aria-busy", "true");
  const lengthAfterReload = (await reply.textContent())?.length ?? 0;
  await waitForReplyToFinish(page);
  const text = (await reply.textContent()) ?? "";
  expect(text.length).toBeGreaterThan(lengthAfterReload);
  expect(text.match(/\bword1 /g)).toHaveLength(1);
  expect(text.match(/\bword59\b/g)).toHaveLength(1);
  await expect(messages).toHaveCount(2);
});

test("switching versions far up a long conversation keeps that message in view", async ({ browser }) => {
  test.slow();
  const { page } = await newUserPage(browser, "Vincent");
  // An imported conversation whose 31st message has two versions, each followed by 69 more messages: longer than
  // the page the server reads at once (40 messages) and than the list renders (60).
  const mapping: Record<string, object> = {};
  const node = (id: string, parent: string | null, children: string[], role: string, text: string, time: number) => {
    mapping[id] = {
      id,
      parent,
      children,
      message: { author: { role }, content: { content_type: "text", parts: [text] }, create_time: time },
    };
  };
  const role = (index: number) => (index % 2 === 0 ? "user" : "assistant");
  for (let index = 0; index < 30; index++) {
    const children = index === 29 ? ["a30", "b30"] : [`n${index + 1}`];
    node(`n${index}`, index === 0 ? null : `n${index - 1}`, children, role(index), `Shared message ${index}`, index);
  }
  for (const version of ["a", "b"]) {
    for (let index = 30; index < 100; index++) {
      const parent = index === 30 ? "n29" : `${version}${index - 1}`;
      const children = index === 99 ? [] : [`${version}${index + 1}`];
      const text =
        index === 30 ? `Version ${version.toUpperCase()} of the question` : `Branch ${version} message ${index}`;
      node(`${version}${index}`, parent, children, role(index), text, version === "a" ? index : 100 + index);
    }
  }
  const imported = await page.request.post("/api/account/import", {
    data: [{ title: "Two long versions", create_time: 1, current_node: "b99", mapping }],
  });
  expect(imported.status()).toBe(201);
  await page.reload();
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name: "Two long versions" })
    .click();

  const log = page.getByRole("log", { name: "Messages" });
  await expect(log.getByText("Branch b message 99")).toBeVisible();
  const versionB = log.getByText("Version B of the question");
  // Scroll up until the edited question is shown (older pages load and the list reveals older messages).
  await expect(async () => {
    await log.evaluate((element) => {
      (element.parentElement as HTMLElement).scrollTop -= 300;
    });
    await expect(versionB).toBeInViewport({ timeout: 500 });
  }).toPass();

  const question = log.getByRole("article", { name: "You" }).filter({ hasText: "of the question" });
  await question.getByRole("button", { name: "Previous version" }).click();
  await expect(log.getByText("Version A of the question")).toBeInViewport();
  await expect(question.getByRole("group", { name: "Version 1 of 2" })).toBeVisible();
  await expect(question.getByRole("button", { name: "Next version" })).toBeFocused();
  await expect(log.getByText("Shared message 29")).toBeAttached();
  await expect(log.getByText("Branch b message 31", { exact: true })).toHaveCount(0);

  // And back, with the keyboard.
  await page.keyboard.press("Enter");
  await expect(versionB).toBeInViewport();
  await expect(question.getByRole("button", { name: "Previous version" })).toBeFocused();
});
