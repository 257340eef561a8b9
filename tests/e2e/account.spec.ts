// Settings → Account as people use it: name, password, custom instructions and deleting the account, in English and
// Chinese, at phone width, with axe; a refused registration's focus; a disabled account told so, also mid-reply; an
// admin's reset link that gets someone back in.
import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_ECHO_PREFIX } from "../support/e2e-scenario";
import {
  composer,
  expectNoSeriousViolations,
  keepScreenshot,
  newUserPage,
  PASSWORD,
  send,
  signInAsAdmin,
  test,
} from "./helpers";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function adminUserRow(browser: Browser, email: string) {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto("/admin/users");
  await admin.getByRole("searchbox", { name: "Search users" }).fill(email);
  await admin.getByRole("button", { name: "Search" }).click();
  return { admin, row: admin.getByRole("listitem", { name: email }) };
}

test("a person renames themselves, sets instructions and changes their password at phone width", async ({
  browser,
}, testInfo) => {
  test.slow();
  const { page, email } = await newUserPage(browser, "Phone");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings");
  const account = page.getByRole("region", { name: "Account" });
  await account.getByLabel("Name").fill("Phone Person");
  await account.getByRole("button", { name: "Save" }).first().click();
  await expect(account.getByRole("status").first()).toHaveText("Saved.");

  await account.getByLabel("About you, and how the model should answer").fill("I am a gardener. Be brief.");
  await account.getByRole("button", { name: "Save" }).nth(1).click();
  await expect(account.getByRole("status")).toHaveCount(2);

  const passwordForm = account.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
  await passwordForm.getByLabel("Current password").fill(PASSWORD);
  await passwordForm.getByLabel("New password").fill("a fresh password");
  await expect(account.getByRole("checkbox", { name: "Sign out my other devices" })).toBeChecked();
  await account.getByRole("button", { name: "Change password" }).click();
  await expect(account.getByText("Password changed.")).toBeVisible();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "account-settings-phone");

  // This device stayed signed in; the new password is the one that works from now on.
  await page.reload();
  await expect(page.getByLabel("About you, and how the model should answer")).toHaveValue("I am a gardener. Be brief.");
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email, "a fresh password");
  await expect(composer(other)).toBeVisible();
});

test("instructions over the limit are kept whole, counted, and saved only once short enough", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Wordy");
  await page.goto("/settings");
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Custom instructions" }) });
  const field = form.getByRole("textbox", { name: "About you, and how the model should answer" });
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/account/instructions")) saves.push(request.method());
  });

  const tooLong = "Be brief. ".repeat(410);
  await field.fill(tooLong);
  await expect(field).toHaveValue(tooLong);
  await expect(form.getByText("Your instructions are too long: 4,100 of 4,000 characters allowed.")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(field).toBeFocused();
  expect(saves).toEqual([]);

  // Within the limit, ending in no space (the server trims the text it saves).
  const shortEnough = tooLong.slice(0, 3_999);
  await field.fill(shortEnough);
  await expect(form.getByText(/too long/)).toHaveCount(0);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(field).toHaveValue(shortEnough);
});

test("a refused registration puts the keyboard on the field to correct, in Chinese at phone width", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("姓名").fill("王芳");
  await page.getByLabel("邮箱").fill(`wang-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByText("请至少输入 8 个字符。")).toBeVisible();
  await expect(page.getByLabel("密码")).toBeFocused();

  // An address already registered: the email is the field to change (the password, emptied, is not).
  await page.getByLabel("邮箱").fill(E2E_ADMIN.email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "该邮箱已注册。" })).toBeVisible();
  await expect(page.getByLabel("邮箱")).toBeFocused();
});

test("a saved or refused form's last words go once the browser stops the next submit", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Changer");
  await page.goto("/settings");
  const account = page.getByRole("region", { name: "Account" });
  const profile = account.locator("form").filter({ has: page.getByLabel("Email", { exact: true }) });
  await profile.getByLabel("Name").fill("Changed Person");
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Saved.");
  // A new email asks for the current password: left empty, the browser stops the submit, and nothing is saved.
  await profile.getByLabel("Email", { exact: true }).fill(`changed-${randomUUID().slice(0, 8)}@example.test`);
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByLabel("Current password")).toBeFocused();
  await expect(profile.getByRole("status")).toHaveCount(0);

  const password = account.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
  await password.getByLabel("Current password").fill("not the password");
  await password.getByLabel("New password").fill("a fresh password");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByRole("alert")).toHaveText("The current password is not right.");
  await password.getByLabel("New password").fill("short");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByLabel("New password")).toBeFocused();
  await expect(password.getByRole("alert")).toHaveCount(0);
});

test("account settings in Chinese pass axe, and deleting the account asks for the email and the password", async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const email = `li-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto("/register");
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByRole("textbox", { name: "消息", exact: true })).toBeVisible();
  await page.goto("/settings");
  const account = page.getByRole("region", { name: "账户" });
  await expect(account.getByRole("heading", { name: "自定义指令" })).toBeVisible();
  await expect(account.getByRole("link", { name: "先导出我的全部数据" })).toBeVisible();
  await expectNoSeriousViolations(page);
  // A wrong current password is named as such, not only as a field to check.
  const password = account.locator("form").filter({ has: page.getByRole("button", { name: "更改密码" }) });
  await password.getByLabel("当前密码").fill("not the password");
  await password.getByLabel("新密码").fill("a fresh password");
  await password.getByRole("button", { name: "更改密码" }).click();
  await expect(password.getByRole("alert")).toHaveText("当前密码不正确。");

  const deletion = account.locator("form").filter({ has: page.getByRole("button", { name: "删除我的账户" }) });
  const remove = deletion.getByRole("button", { name: "删除我的账户" });
  await expect(remove).toBeDisabled();
  await deletion.getByLabel(`输入 ${email} 以确认`).fill(email);
  // The session alone is not enough: the account's password is asked too.
  await deletion.getByLabel("当前密码").fill("not the password");
  await remove.click();
  await expect(deletion.getByRole("alert")).toHaveText("当前密码不正确。");
  await deletion.getByLabel("当前密码").fill(PASSWORD);
  await remove.click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(page.getByRole("status")).toHaveText("你的账户及其中的所有内容已被删除。");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "邮箱或密码错误。" })).toBeVisible();
});

test("a disabled account is told so, and an admin's reset link gets a person back in", async ({ browser }) => {
  test.slow();
  const { page, email, context } = await newUserPage(browser, "Forgetful");
  await context.clearCookies();
  const { admin, row } = await adminUserRow(browser, email);

  const dialog = admin.getByRole("dialog", { name: "Password reset link" });
  // The search posts its form without JavaScript, so the row can be clicked before the new page is hydrated.
  await expect(async () => {
    await row.getByRole("button", { name: "Reset link" }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  const link = await dialog.getByRole("textbox", { name: "Password reset link" }).inputValue();
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await dialog.press("Escape");

  await page.goto(link);
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("Password").fill("remembered at last");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password is set. Sign in with it.");
  // The form has gone: the keyboard is on the way on, not back at the top of the page.
  await expect(page.getByRole("link", { name: "Go to sign-in" })).toBeFocused();
  await page.goto(link);
  // This Parley sends no mail: only an admin can make a new link, and the page says so.
  await expect(
    page.getByText(
      "This reset link has expired or was already used. Ask an admin for a new one: they can make one in the console, under Users.",
    ),
  ).toBeVisible();

  await row.getByRole("button", { name: "Disable" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await signIn(page, email, "remembered at last");
  await expect(
    page.getByRole("alert").filter({ hasText: "This account is disabled. Ask an admin to enable it." }),
  ).toBeVisible();
  await signIn(page, email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
});

test("on a phone, the reset link's dialog closes with a tap on Close and gives the focus back", async ({ browser }) => {
  const { email, context: userContext } = await newUserPage(browser, "Tapper");
  await userContext.close();
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const admin = await context.newPage();
  await signInAsAdmin(admin);
  await admin.goto("/admin/users");
  await admin.getByRole("searchbox", { name: "Search users" }).fill(email);
  await admin.getByRole("button", { name: "Search" }).click();
  const row = admin.getByRole("listitem", { name: email });
  const dialog = admin.getByRole("dialog", { name: "Password reset link" });
  await expect(async () => {
    await row.getByRole("button", { name: "Reset link" }).tap();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await dialog.getByRole("button", { name: "Close" }).tap();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole("button", { name: "Reset link" })).toBeFocused();
  await context.close();
});

test("a person disabled while a reply streams is told at once that their session ended, and the reply stops", async ({
  browser,
}) => {
  const { page, email } = await newUserPage(browser, "Paused");
  const { admin, row } = await adminUserRow(browser, email);
  // About 20 s of reply (the fake model echoes a line a delta): still being written when the account is disabled.
  const story = Array.from({ length: 400 }, (_, index) => `part${index}`).join("\n");
  await send(page, `${E2E_ECHO_PREFIX}${story}`);
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("part3");

  await row.getByRole("button", { name: "Disable" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  // At once: a lost connection would be told only after several seconds of trying to resume the stream.
  await expect(reply.getByRole("alert")).toHaveText("Your session has ended. Sign in again.", { timeout: 2_000 });
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden();
  await expect(reply).not.toContainText("part399");
});

test("without mail, Forgot password says to ask an admin", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByText(/Ask an admin for a password reset link/)).toBeVisible();
  await expectNoSeriousViolations(page);
});
