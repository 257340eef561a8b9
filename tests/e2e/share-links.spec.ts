// Share links as people meet them: an owner shares a conversation up to a reply, a signed-out visitor reads only
// that snapshot, a signed-in one continues it as their own copy, the owner revokes it and it is gone; an admin
// turning public links off is explained in the owner's dialog.
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../support/e2e-scenario";
import { composer, expectNoSeriousViolations, keepScreenshot, newUserPage, receiveReply, test } from "./helpers";

function shareDialog(page: Page) {
  return page.getByRole("dialog", { name: "Share a link" });
}

test("a link shows the snapshot signed out, continues as a copy signed in, and is gone once revoked", async ({
  browser,
}, testInfo) => {
  // Three people's pages, two replies, two accessibility checks and four screenshots: about 20 s on a quiet machine,
  // past the default 30 s once when the machine was busy.
  test.setTimeout(60_000);
  const { page: owner } = await newUserPage(browser, "Sharer");
  await receiveReply(owner, "The **first answer**, with `code`.");
  await receiveReply(owner, "A later answer that stays private.");

  await owner
    .getByRole("article", { name: "Assistant" })
    .first()
    .getByRole("button", { name: "Share up to here" })
    .click();
  const dialog = shareDialog(owner);
  // The reply as plain text, not its Markdown ("The **first answer**, with `code`.").
  await expect(dialog).toContainText("Up to the reply “The first answer, with code.”.");
  await dialog.getByLabel("Expires").selectOption({ label: "After 7 days" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const urlField = dialog.getByRole("textbox", { name: "Share link" });
  await expect(urlField).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const url = await urlField.inputValue();
  await expect(dialog.getByRole("list", { name: "Links to this conversation" }).getByRole("listitem")).toHaveCount(1);
  // What its visitors may open of the files, as chosen when it was made (the defaults).
  await expect(dialog.getByRole("listitem")).toContainText("images open, documents by name");
  await expect(dialog.getByRole("listitem")).toContainText("Active");
  await expectNoSeriousViolations(owner);
  await keepScreenshot(owner, testInfo, "share-link-dialog");

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const response = await visitor.goto(url);
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  const reply = visitor.getByRole("article", { name: "Assistant" });
  await expect(reply).toHaveCount(1);
  await expect(reply.locator("strong")).toHaveText("first answer");
  await expect(visitor.getByText("A later answer that stays private.")).toHaveCount(0);
  await expect(visitor.getByRole("link", { name: "Sign in to continue" })).toHaveAttribute(
    "href",
    /^\/sign-in\?callbackUrl=%2Fs%2F/,
  );
  await expectNoSeriousViolations(visitor);
  await keepScreenshot(visitor, testInfo, "shared-page-signed-out");
  const phoneContext = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(url);
  await expect(phone.getByRole("link", { name: "登录以继续" })).toBeVisible();
  await keepScreenshot(phone, testInfo, "shared-page-zh-cn-phone");
  await phoneContext.close();

  const { page: reader } = await newUserPage(browser, "Reader");
  await reader.goto(url);
  await reader.getByRole("button", { name: "Continue as my copy" }).click();
  await expect(reader).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(reader.getByRole("article", { name: "Assistant" })).toContainText("first answer");
  await expect(composer(reader)).toBeVisible();

  await dialog.getByRole("button", { name: /^Revoke the link created/ }).click();
  await dialog.getByRole("alertdialog", { name: "Revoke share link" }).getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.getByRole("listitem")).toContainText("Revoked");
  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "Shared conversation not available" })).toBeVisible();
  await expect(visitor.getByText("first answer")).toHaveCount(0);
  await keepScreenshot(visitor, testInfo, "shared-page-revoked");
  await visitorContext.close();
});

test("the owner's dialog says so when an admin has turned public links off", async ({ browser }, testInfo) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto("/sign-in");
  await admin.getByLabel("Email").fill(E2E_ADMIN.email);
  await admin.getByLabel("Password").fill(E2E_ADMIN.password);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(composer(admin)).toBeVisible();
  await admin.goto("/admin/users");
  const allow = admin.getByRole("checkbox", { name: "Allow public share links" });
  await expect(allow).toBeChecked();
  await allow.uncheck();
  await admin.getByRole("button", { name: "Save share link setting" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await keepScreenshot(admin, testInfo, "admin-public-share-links");

  try {
    const { page: owner } = await newUserPage(browser, "Hopeful");
    await receiveReply(owner, "Something worth sharing.");
    await owner.getByRole("button", { name: "Share link…" }).click();
    const dialog = shareDialog(owner);
    await expect(dialog).toContainText("An admin has turned public share links off");
    await expect(dialog.getByRole("button", { name: "Create link" })).toBeDisabled();
  } finally {
    await admin.reload();
    await admin.getByRole("checkbox", { name: "Allow public share links" }).check();
    await admin.getByRole("button", { name: "Save share link setting" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await adminContext.close();
  }
});
