// Parley's own API and usage limits as people meet them: a personal key made, copied, listed by its prefix and
// revoked in Settings; the admin's usage dashboard drawing a chart after a few turns; a user over the limit an admin
// set reading why in the chat.
import { expect } from "@playwright/test";
import { E2E_ADMIN } from "../support/e2e-scenario";
import {
  attachWithPaperclip,
  composer,
  expectNoSeriousViolations,
  keepScreenshot,
  newUserPage,
  receiveReply,
  send,
  signInAsAdmin,
  test,
} from "./helpers";

test.describe.configure({ timeout: 120_000 });

test("an admin creates an API key in Settings, copies it, sees it listed by its prefix and revokes it", async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAsAdmin(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API keys" });
  // As long as a name may be, without a space: it wraps in its cell rather than pushing Revoke out of the box.
  const name = `Laptop-${Date.now()}-`.padEnd(80, "x");
  await section.getByLabel("Key name").fill(name);
  await section.getByRole("button", { name: "Create key" }).click();
  const secret = (await section.getByTestId("new-api-key").textContent()) ?? "";
  expect(secret).toMatch(/^sk-parley-/);
  // The name is emptied for the next key.
  await expect(section.getByLabel("Key name")).toHaveValue("");
  await section.getByRole("button", { name: "Copy API key" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const row = section.getByRole("row").filter({ hasText: name });
  await expect(row.getByText(`${secret.slice(0, 14)}…`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  const revoke = row.getByRole("button", { name: `Revoke ${name}` });
  const [box, button] = [await section.boundingBox(), await revoke.boundingBox()];
  expect((button?.x ?? Infinity) + (button?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0));
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "settings-api-keys");

  await revoke.click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByRole("cell", { name: "Revoked" })).toBeVisible();
  // The secret of a key that no longer works is not left on screen.
  await expect(section.getByTestId("new-api-key")).toHaveCount(0);
  const answer = await page.request.get("/v1/models", { headers: { Authorization: `Bearer ${secret}` } });
  expect(answer.status()).toBe(401);
});

test("the admin's usage page shows a chart and a table after a few turns", async ({ page }, testInfo) => {
  await signInAsAdmin(page);
  await receiveReply(page, "One answer.");
  await receiveReply(page, "Another answer.");
  await page.goto("/admin/usage");
  const byDay = page.getByRole("region", { name: "By day" });
  await expect(byDay.getByTestId("usage-chart")).toBeVisible();
  // chart.js has drawn: the canvas holds pixels.
  await expect
    .poll(() => byDay.getByTestId("usage-chart").evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL().length))
    .toBeGreaterThan(5_000);
  await expect(
    page.getByRole("region", { name: "By user" }).getByRole("cell", { name: E2E_ADMIN.email }),
  ).toBeVisible();
  await expect(byDay.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /format=csv&by=day/);
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "admin-usage");
});

test("the usage page says why it cannot show an inverted range, and keeps the admin's dates", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/usage");
  const range = page.getByRole("form", { name: "Range" });
  await range.getByLabel("From").fill("2026-12-31");
  await range.getByLabel("To").fill("2026-12-01");
  await range.getByRole("button", { name: "Show" }).click();
  // Next's route announcer is an alert too.
  await expect(
    page.getByRole("alert").filter({ hasText: "Choose an end date on or after the start date." }),
  ).toBeVisible();
  await expect(range.getByLabel("From")).toHaveValue("2026-12-31");
  await expect(range.getByLabel("To")).toHaveValue("2026-12-01");
  await expect(range.getByLabel("To")).toHaveAccessibleDescription("Choose an end date on or after the start date.");
  await expect(page.getByRole("region", { name: "By day" })).toHaveCount(0);
});

test("a user whose message could pass the limit an admin set reads in the chat why it was refused", async ({
  page,
  browser,
}, testInfo) => {
  const user = await newUserPage(browser, "Limited");
  await signInAsAdmin(page);
  await page.goto("/admin/api");
  const limits = page.getByRole("region", { name: "Usage limits" });
  const userForm = limits.locator("form").filter({ has: page.getByLabel("User's email") });
  // A refusal, then a submit the browser's checks stop: the refusal no longer shows, as it no longer applies.
  await userForm.getByLabel("User's email").fill("nobody@example.com");
  await userForm.getByRole("button", { name: "Save limits" }).click();
  await expect(userForm.getByRole("alert")).toHaveText("No such user or team.");
  await userForm.getByLabel("Tokens per day").fill("0");
  await userForm.getByRole("button", { name: "Save limits" }).click();
  await expect(userForm.getByRole("alert")).toBeHidden();
  await userForm.getByLabel("User's email").fill(user.email);
  await userForm.getByLabel("Tokens per day").fill("100");
  await userForm.getByRole("button", { name: "Save limits" }).click();
  await expect(limits.getByRole("cell", { name: user.email })).toBeVisible();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "admin-usage-limits");

  await attachWithPaperclip(user.page, [{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Notes") }]);
  const chips = user.page.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("button", { name: "Remove notes.txt" })).toBeVisible();
  await send(user.page, "Hello there");
  // The model's longest reply alone (1,024 tokens) is more than the whole limit: no message fits, and the page says so
  // rather than advising a new conversation.
  await expect(
    user.page.getByText(
      "The longest reply this model may write (1,024 tokens) is more than the whole limit of 100 tokens, so no message fits. Ask an admin to raise the limit.",
    ),
  ).toBeVisible();
  // The refused first message comes back to the composer whole: its text and its file, for another try.
  await expect(composer(user.page)).toHaveValue("Hello there");
  await expect(chips.getByRole("button", { name: "Remove notes.txt" })).toBeVisible();
  // The conversation it opened holds no message: nothing to share or export yet.
  await expect(user.page).toHaveURL(/\/c\/[^/]+$/);
  await expect(user.page.getByRole("button", { name: "Share link…" })).toHaveCount(0);
  await expect(user.page.getByRole("button", { name: "Export conversation" })).toHaveCount(0);
  await keepScreenshot(user.page, testInfo, "over-limit-in-chat");

  // Settings → Usage: today's limit untouched by the refusal, and the file kept for the next try, in one section.
  await user.page.goto("/settings");
  const usage = user.page.getByRole("region", { name: "Usage", exact: true });
  await expect(usage.getByText("0 of 100 tokens used; 100 left")).toBeVisible();
  await expect(usage.getByText("This month").locator("..")).toContainText("0 tokens used, no limit");
  await expect(usage.getByText("Files").locator("..")).toContainText("5 bytes of 1 GB used");
  await user.context.close();
});

test("a Chinese reader's key list keeps Revoke (吊销) on one line", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill(E2E_ADMIN.email);
  await page.getByLabel("密码").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("textbox", { name: "消息", exact: true })).toBeVisible();
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API 密钥" });
  const name = `笔记本-${Date.now()}`;
  await section.getByLabel("密钥名称").fill(name);
  await section.getByRole("button", { name: "创建密钥" }).click();
  const revoke = section
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("button", { name: `吊销 ${name}` });
  await expect(revoke).toBeVisible();
  const lines = await revoke.evaluate((button) => {
    const text = document.createRange();
    text.selectNodeContents(button);
    return new Set([...text.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
  expect(lines).toBe(1);
});

test("on a phone, a key's Revoke is in view without scrolling the table sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAsAdmin(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API keys" });
  const name = `Phone-${Date.now()}`;
  await section.getByLabel("Key name").fill(name);
  await section.getByRole("button", { name: "Create key" }).click();
  // Brought into view by its name, at the row's start: the table is not scrolled sideways.
  const nameCell = section.getByRole("row").filter({ hasText: name }).getByRole("cell", { name, exact: true });
  await nameCell.scrollIntoViewIfNeeded();
  await expect(nameCell).toBeInViewport({ ratio: 1 });
  await expect(section.getByRole("button", { name: `Revoke ${name}` })).toBeInViewport({ ratio: 1 });
});
