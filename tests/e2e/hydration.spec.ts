// A conversation opened by its address is hydrated by React without a mismatch. The code highlighter and KaTeX are
// fetched on first use, and one code block's fetch can finish before React hydrates the next one (a saved draft
// makes the composer update while the page hydrates, so React hydrates the rest in steps): that block's first
// render in the browser must still be the server's HTML, highlighted only after.
import { expect, type Page } from "@playwright/test";
import { composer, newUserPage, test } from "./helpers";

const TURNS = 10;

/** A conversation of `TURNS` questions, each answered with a code block and some math, made through the import. */
async function importCodeConversation(page: Page): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const mapping: Record<string, unknown> = {};
  for (let index = 0; index < TURNS * 2; index++) {
    const isReply = index % 2 === 1;
    const text = isReply
      ? `Run this:\n\n\`\`\`js\nconsole.log(${index});\n\`\`\`\n\nand $x^${index}$ is math.`
      : `q${index}`;
    mapping[`m${index}`] = {
      id: `m${index}`,
      parent: index === 0 ? null : `m${index - 1}`,
      children: index === TURNS * 2 - 1 ? [] : [`m${index + 1}`],
      message: { author: { role: isReply ? "assistant" : "user" }, content: { content_type: "text", parts: [text] } },
    };
  }
  const data = [{ title: "Code to run", create_time: now, current_node: `m${TURNS * 2 - 1}`, mapping }];
  const imported = await page.request.post("/api/account/import", { data });
  expect(imported.status()).toBe(201);
  const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
  return `/c/${conversations[0]?.id}`;
}

test("a conversation of highlighted code and math, opened with a draft in the composer, hydrates without errors", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Hydra");
  const address = await importCodeConversation(page);
  await page.goto(address);
  await composer(page).fill("A draft left unsent");

  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // React reports a hydration mismatch it recovered from as a console error, not as an uncaught one.
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.reload();
  await expect(composer(page)).toHaveValue("A draft left unsent");
  const replies = page.getByRole("article", { name: "Assistant" });
  await expect(replies).toHaveCount(TURNS);
  await expect(replies.last().locator("code").getByText("console", { exact: true })).toHaveClass(/hljs/);
  await expect(replies.last().getByRole("math")).toHaveCount(1);
  expect(errors).toEqual([]);
});
