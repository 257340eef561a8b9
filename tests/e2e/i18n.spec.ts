// The interface speaks the browser's language (English or Simplified Chinese) until the user picks one in settings.

import { randomUUID } from "node:crypto";

import { type Browser, expect, type Page } from "@playwright/test";
import { E2E_ECHO_PREFIX } from "../support/e2e-scenario";
import { cutNextReplyStream, expectNoSeriousViolations, keepScreenshot, PASSWORD, test } from "./helpers";

async function registerInChinese(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "创建你的账户" })).toBeVisible();
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("邮箱").fill(`lilei-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByRole("textbox", { name: "消息", exact: true })).toBeVisible();
  return page;
}

test("a Chinese browser gets the chat in Chinese, and settings switch it to English", async ({ browser }, testInfo) => {
  test.slow();
  const page = await registerInChinese(browser);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "有什么可以帮你的？" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新对话" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "搜索对话" })).toBeVisible();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "消息", exact: true })).toHaveAttribute(
    "placeholder",
    "给 Parley 发消息…",
  );

  const composer = page.getByRole("textbox", { name: "消息", exact: true });
  await composer.fill(`${E2E_ECHO_PREFIX}\n你好！这是 **Parley** 的中文界面。`);
  await composer.press("Enter");
  const reply = page.getByRole("article", { name: "助手" }).last();
  await expect(reply).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "重新生成" })).toBeVisible();
  await expect(page.getByRole("region", { name: "今天" })).toBeVisible();
  await expect(page.getByRole("button", { name: "对话设置" })).toBeVisible();
  await keepScreenshot(page, testInfo, "chat-zh");

  await page.getByRole("link", { name: "设置" }).click();
  await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Today" })).toBeVisible();

  // Back to the browser's language: Chinese again.
  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Language" }).selectOption("system");
  await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
});

test("a signed-out visitor switches the sign-in page to Chinese", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "登录 Parley" })).toBeVisible();
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("the chat page passes axe in Chinese", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await registerInChinese(browser);
  await expectNoSeriousViolations(page);
});

test("a reply whose stream stays cut is reported in Chinese to a Chinese reader, whether or not it had started", async ({
  browser,
}) => {
  test.slow();
  const page = await registerInChinese(browser);
  const composer = page.getByRole("textbox", { name: "消息", exact: true });
  const replies = page.getByRole("article", { name: "助手" });
  const sendMessage = async (text: string) => {
    await composer.fill(text);
    await composer.press("Enter");
  };
  await sendMessage("第一个问题");
  await expect(replies.last()).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
  // Every attempt to get the reply back fails: the network stays down.
  await page.route("**/api/conversations/*/stream", (route) => route.abort("internetdisconnected"));

  // Cut before the reply's start: the page's alert says so.
  await cutNextReplyStream(page, 0);
  await sendMessage("第二个问题");
  const alert = page.getByRole("alert").filter({ hasText: "回复完成前连接已中断。" });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(replies.last()).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });

  // Cut after three lines of a long reply (twenty seconds of it), which the server is still writing when the page
  // gives up: the reply says so.
  await cutNextReplyStream(page, 3);
  const lines = Array.from({ length: 400 }, (_, index) => `第 ${index} 行`);
  await sendMessage(`${E2E_ECHO_PREFIX}\n${lines.join("\n")}`);
  await expect(replies.last()).toContainText("第 2 行");
  await expect(replies.last()).toContainText("回复完成前连接已中断。", { timeout: 20_000 });
  await expect(page.getByText("The connection was lost")).toHaveCount(0);
});

test("a conversation not named yet is called 新对话 in Chinese, in its header and its tab", async ({ browser }) => {
  const page = await registerInChinese(browser);
  // Created, its first message not sent (refused, or the page closed): it keeps the title every conversation starts with.
  const created = await page.request.post("/api/conversations", { data: {} });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/c/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "新对话" })).toBeVisible();
  await expect(page).toHaveTitle("新对话 · Parley");
  await expect(page.getByText("New chat")).toHaveCount(0);
});

test("a team's only owner who steps down is told in Chinese that the team needs an owner", async ({ browser }) => {
  const page = await registerInChinese(browser);
  await page.getByRole("link", { name: "团队", exact: true }).click();
  await page.getByLabel("团队名称").fill("星图");
  await page.getByRole("button", { name: "创建团队" }).click();
  await expect(page.getByRole("heading", { name: "星图", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "李雷 的角色" }).selectOption("EDITOR");
  await expect(page.getByRole("list", { name: "成员" }).getByRole("alert")).toHaveText(
    "团队至少需要一位所有者。请先让其他人成为所有者。",
  );
});
