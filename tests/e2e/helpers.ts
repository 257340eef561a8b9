// Shared steps of the end-to-end specs: each test registers its own user, so tests do not depend on each other.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, test as base, expect, type Locator, type Page, type TestInfo } from "@playwright/test";

import { E2E_ADMIN, E2E_ECHO_PREFIX } from "../support/e2e-scenario";

export const PASSWORD = "correct horse battery";

/**
 * The specs' `test`: when a test ends, the browser contexts it opened (newUserPage, browser.newContext()) are
 * closed. Left open they piled up in the run's one browser, pages live and connected: every later test started and
 * stopped a trace chunk on each of them, and one failure screenshotted all 65 pages open by then.
 */
export const test = base.extend<{ closeContextsOpenedByTest: undefined }>({
  closeContextsOpenedByTest: [
    async ({ browser }, use) => {
      const openBefore = new Set(browser.contexts());
      await use(undefined);
      const openedByTest = browser.contexts().filter((context) => !openBefore.has(context));
      await Promise.all(openedByTest.map((context) => context.close()));
    },
    { auto: true },
  ],
});

// Exact: "Edit message" buttons and the "Messages" log would match the name as a substring.
export function composer(page: Page): Locator {
  return page.getByRole("textbox", { name: "Message", exact: true });
}

/** Signs in as the admin the e2e stack seeds, through the sign-in form. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(composer(page)).toBeVisible();
}

export async function register(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto("/register");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(composer(page)).toBeVisible();
  return email;
}

export async function newUserPage(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = await register(page, name);
  return { page, email, context };
}

/** The seeded admin in a browser of its own: a second admin at work at the same time as the first. */
export async function newAdminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsAdmin(page);
  return page;
}

export async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press("Enter");
}

/**
 * Conversations of one message each, made through the import: no model call, so no title arrives later to change
 * them. Newest first, all of today.
 */
export async function importConversations(page: Page, titles: string[]): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const data = titles.map((title, index) => ({
    title,
    create_time: now - index,
    current_node: "u1",
    mapping: {
      u1: {
        id: "u1",
        parent: null,
        children: [],
        message: { author: { role: "user" }, content: { content_type: "text", parts: [title] }, create_time: now },
      },
    },
  }));
  const imported = await page.request.post("/api/account/import", { data });
  expect(imported.status()).toBe(201);
  const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
  return conversations.map((conversation) => conversation.id);
}

/** Holds the page's next upload until the returned function is called, as a slow connection would. */
export async function holdNextUpload(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    "**/api/attachments?*",
    async (route) => {
      await held;
      await route.continue();
    },
    { times: 1 },
  );
  return release;
}

/** Picks files with the paperclip: the composer's, or the one `within` a message being edited. */
export async function attachWithPaperclip(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  within: Page | Locator = page,
) {
  const chooser = page.waitForEvent("filechooser");
  await within.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles(files);
}

// Sends a message the fake model answers with `markdown` itself, and waits until that reply has finished streaming.
export async function receiveReply(page: Page, markdown: string): Promise<Locator> {
  await send(page, `${E2E_ECHO_PREFIX}\n${markdown}`);
  const reply = page.getByRole("article", { name: "Assistant" }).last();
  await expect(reply).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
  return reply;
}

/**
 * The next message's reply stream is cut after `deltas` deltas, as a proxy or a flaky network would cut it; the
 * server goes on with the reply.
 */
export async function cutNextReplyStream(page: Page, deltas: number): Promise<void> {
  await page.route(
    "**/api/conversations/*/messages",
    async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      const upstream = new AbortController();
      const answer = await fetch(request.url(), {
        method: "POST",
        headers: { cookie: headers.cookie ?? "", origin: headers.origin ?? "", "content-type": "application/json" },
        body: request.postData(),
        signal: upstream.signal,
      });
      const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = "";
      while ((text.match(/event: delta/g) ?? []).length < deltas) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      upstream.abort();
      const body = text.slice(0, text.lastIndexOf("\n\n") + 2);
      await route.fulfill({ status: answer.status, headers: { "content-type": "text/event-stream" }, body });
    },
    { times: 1 },
  );
}

export async function expectNoSeriousViolations(page: Page): Promise<void> {
  // After a client-side navigation Next streams the new page's metadata in: checked before it lands, the page has no
  // title for a moment. Every page has one once settled.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

// Under .test-reports/ (kept after the run, unlike test-results/) and attached to the test's report entry.
const SCREENSHOT_DIR = ".test-reports/screenshots";

export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
