// Replies render as Markdown a reader can use (tables, code with copy, math), and nothing in a message can run
// script, open a dialog or make the browser contact another host.
import { expect } from "@playwright/test";
import { ATTACKER_HOST, HOSTILE_MARKDOWN, RICH_MARKDOWN } from "../support/markdown-samples";
import { keepScreenshot, newUserPage, receiveReply, test } from "./helpers";

test("a reply renders tables, lists, highlighted code with a copy button, and math", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Marie");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const reply = await receiveReply(page, RICH_MARKDOWN);

  await expect(reply.getByRole("heading", { name: "Otters at a glance" })).toBeVisible();
  await expect(reply.getByRole("table")).toBeVisible();
  await expect(reply.getByRole("row")).toHaveCount(3);
  await expect(reply.getByRole("cell", { name: "Pacific coast" })).toBeVisible();
  await expect(reply.getByRole("listitem").filter({ hasText: "Crack the shell" })).toBeVisible();
  await expect(reply.getByRole("checkbox")).toBeChecked();
  await expect(reply.getByRole("math")).toHaveCount(2);
  await expect(reply.getByRole("blockquote")).toContainText("grooming");

  const link = reply.getByRole("link", { name: "the notes" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(link).toHaveAttribute("target", "_blank");

  // Highlighting loads on demand and colours the keyword differently from the plain text around it.
  const keyword = reply.locator("code").getByText("function", { exact: true });
  await expect(keyword).toHaveClass(/hljs-keyword/);
  await reply.getByRole("button", { name: "Copy code" }).click();
  await expect(reply.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toBeAttached();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    'function countOtters(raft: string[]): number {\n  return raft.filter((name) => name !== "").length;\n}',
  );
});

test("a list that mixes plain and task items keeps the plain items' bullets, their texts on one line", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Lister");
  const reply = await receiveReply(page, "- plain item\n- [x] done item");
  const plain = reply.getByRole("listitem").filter({ hasText: "plain item" });
  const task = reply.getByRole("listitem").filter({ hasText: "done item" });
  await expect(task.getByRole("checkbox", { name: "Done" })).toBeChecked();
  expect(await plain.evaluate((item) => getComputedStyle(item).listStyleType)).toBe("disc");
  expect(await task.evaluate((item) => getComputedStyle(item).listStyleType)).toBe("none");
  // Where each item's first letter starts: the checkbox stands where the bullet does, not before the text.
  const textStart = (item: Element) => {
    const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && !node.textContent?.trim()) node = walker.nextNode();
    if (!node?.textContent) return Number.NaN;
    const range = document.createRange();
    const first = node.textContent.search(/\S/);
    range.setStart(node, first);
    range.setEnd(node, first + 1);
    return range.getBoundingClientRect().left;
  };
  const [plainStart, taskStart] = [await plain.evaluate(textStart), await task.evaluate(textStart)];
  expect(Math.abs(plainStart - taskStart)).toBeLessThanOrEqual(2);
  const checkbox = await task.getByRole("checkbox").boundingBox();
  expect(checkbox?.x).toBeLessThan((await plain.boundingBox())?.x ?? 0);
});

test("a footnote link scrolls to its own message's footnote and back, with two messages' footnotes on the page", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Footnoter");
  const filler = Array.from({ length: 40 }, (_, index) => `Paragraph ${index + 1} between claim and source.`);
  const withFootnote = (name: string) =>
    [`The ${name} claim[^1].`, ...filler, `[^1]: The ${name} source.`].join("\n\n");
  await receiveReply(page, withFootnote("first"));
  const reply = await receiveReply(page, withFootnote("second"));

  const reference = reply.getByRole("link", { name: "1", exact: true });
  const footnote = reply.getByRole("listitem").filter({ hasText: "The second source." });
  await reference.scrollIntoViewIfNeeded();
  await expect(footnote).not.toBeInViewport();
  await reference.click();
  await expect(footnote).toBeInViewport();
  expect(new URL(page.url()).hash).toBe(`#${await footnote.getAttribute("id")}`);

  await footnote.getByRole("link", { name: "Back to reference 1" }).click();
  await expect(reference).toBeInViewport();
  await expect(footnote).not.toBeInViewport();
});

test("a remote image in a link loads at the first click, without opening the link; then the image is the link", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Linker");
  await context.route("https://example.com/**", (route) =>
    route.fulfill({
      contentType: "image/svg+xml",
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
    }),
  );
  const reply = await receiveReply(page, "[![inner](https://example.com/i.png)](https://example.com)");
  const openedPages: string[] = [];
  context.on("page", (opened) => openedPages.push(opened.url()));

  await expect(reply.locator("a button, a [tabindex]")).toHaveCount(0);
  // By keyboard, as a click would.
  await reply.getByRole("button", { name: "inner Load image from example.com" }).press("Enter");
  const link = reply.getByRole("link", { name: "inner" });
  await expect(link.getByRole("img", { name: "inner" })).toBeVisible();
  await expect(link).toHaveAttribute("href", "https://example.com");
  expect(openedPages).toEqual([]);
});

test("a line ending in two spaces in the user's own message breaks the line once, as a newline does", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Breaker");
  await receiveReply(page, "line one  \nline two");
  await receiveReply(page, "line one\nline two");
  const userMessages = page.getByRole("article", { name: "You" });
  const [hardBreak, newline] = [userMessages.nth(0), userMessages.nth(1)];
  await expect(hardBreak.locator("p br")).toHaveCount(1);
  expect((await hardBreak.boundingBox())?.height).toBe((await newline.boundingBox())?.height);
});

test("hostile Markdown and HTML render inert: no script, no dialog, no request to another host", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Mallory");
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const foreignRequests: string[] = [];
  context.on("request", (request) => {
    if (new URL(request.url()).hostname !== "127.0.0.1") foreignRequests.push(request.url());
  });
  const policyViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  // The attacker's host does not exist here: answer for it so that a clicked image really loads.
  await context.route(`https://${ATTACKER_HOST}/**`, (route) =>
    route.fulfill({
      contentType: "image/svg+xml",
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
    }),
  );

  const policy = (await page.request.get(page.url())).headers()["content-security-policy"] ?? "";
  for (const directive of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"])
    expect(policy).toContain(directive);
  expect(policy).not.toContain("unsafe-eval");
  // Scripts run only with this response's nonce (and what they load): no inline script of anyone else's.
  const scriptSources = policy.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";
  expect(scriptSources).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(scriptSources).not.toContain("unsafe-inline");
  const secondPolicy = (await page.request.get(page.url())).headers()["content-security-policy"];
  expect(secondPolicy, "a fresh nonce per response").not.toBe(policy);

  const reply = await receiveReply(page, HOSTILE_MARKDOWN);
  const userMessage = page.getByRole("article", { name: "You" });
  // Raw HTML is shown as the text it is, in the reply and in the user's own message.
  await expect(reply).toContainText('<script>window.__pwned = "script"; alert("script")</script>');
  await expect(userMessage).toContainText("<iframe src=");
  await expect(reply.getByRole("button", { name: "Submit form" })).toHaveCount(0);
  await expect(page.locator("iframe, form[action], svg[onload], [onerror]")).toHaveCount(0);
  for (const link of await page.getByRole("log", { name: "Messages" }).locator("a[href]").all()) {
    expect(await link.getAttribute("href")).toMatch(/^(https:|#)/);
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  }
  await reply.getByText("markdown javascript link").click();
  await expect(page).toHaveURL(/\/c\//);

  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(foreignRequests).toEqual([]);
  expect(policyViolations).toEqual([]);

  // A protocol-relative address names the host the browser would load it from, not "this site".
  await expect(reply.getByRole("button", { name: `relative pixel Load image from ${ATTACKER_HOST}` })).toBeVisible();
  // The tracking pixel is a placeholder naming its host; only a click loads it.
  const placeholder = reply.getByRole("button", { name: `tracking pixel Load image from ${ATTACKER_HOST}` });
  await placeholder.click();
  await expect(reply.getByRole("img", { name: "tracking pixel" })).toBeVisible();
  expect(foreignRequests).toEqual([`https://${ATTACKER_HOST}/pixel.png?conversation=secret`]);
  expect(dialogs).toEqual([]);
});

test("screenshots of the chat page in light, dark and phone width are kept", async ({ browser }, testInfo) => {
  // Four full-page captures plus a streamed reply: more than the default budget on a busy two-core machine.
  test.slow();
  const { page } = await newUserPage(browser, "Ada");
  await page.emulateMedia({ colorScheme: "light" });
  const reply = await receiveReply(page, RICH_MARKDOWN);
  await expect(reply.locator(".hljs-keyword").first()).toBeVisible();
  await expect(reply.getByRole("math")).toHaveCount(2);
  await reply.getByRole("heading").scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, "chat-light");

  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await keepScreenshot(page, testInfo, "chat-dark");

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Open sidebar" })).toBeVisible();
  await keepScreenshot(page, testInfo, "chat-phone");
  await page.getByRole("button", { name: "Open sidebar" }).click();
  await expect(page.getByRole("dialog", { name: "Sidebar" })).toBeVisible();
  await keepScreenshot(page, testInfo, "chat-phone-drawer");
});
