// The interface speaks the browser's language (English or Simplified Chinese) until the user picks one in settings.

import { randomUUID } from "node:crypto";

import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ECHO_PREFIX } from "../support/e2e-scenario";
import { expectNoSeriousViolations, keepScreenshot, PASSWORD } from "./helpers";

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
