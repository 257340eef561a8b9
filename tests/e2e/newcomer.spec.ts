// A newcomer's stumbles (issue 11), as a user meets them: team conversations in the sidebar and in search, titles
// that use the row, one confirmation dialog before anything is destroyed (and an explanation instead when it cannot
// be done), invitation links named by their role, names in the audit log, and a closed registration said up front.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../support/e2e-scenario";
import { expectNoSeriousViolations, keepScreenshot, newUserPage, signInAsAdmin, test } from "./helpers";

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Conversations" });

/** Data a spec needs before the part it looks at, made through the API with the page's own session. */
async function post(page: Page, url: string, data: unknown, method = "POST") {
  const response = await page.request.fetch(url, { method, data });
  expect(response.ok(), `${method} ${url}`).toBe(true);
  return response.json();
}

test("a member finds what the team shared in the sidebar, folds the team for good, and finds it by search", async ({
  browser,
}, testInfo) => {
  const teamName = `Atlas ${randomUUID().slice(0, 6)}`;
  const { page: owner } = await newUserPage(browser, "Olivia");
  const { page: member } = await newUserPage(browser, "Max");
  const team = await post(owner, "/api/teams", { name: teamName });
  const invitation = await post(owner, `/api/teams/${team.id}/invitations`, { role: "VIEWER" });
  await post(member, `/api/invitations/${invitation.token}/accept`, undefined);
  const conversation = await post(owner, "/api/conversations", { title: "Quarterly roadmap for the whole team" });
  await post(owner, `/api/conversations/${conversation.id}/team`, { teamId: team.id }, "PUT");

  await member.reload();
  const shared = sidebar(member).getByRole("region", { name: "Shared with me" });
  const teamToggle = shared.getByRole("button", { name: teamName });
  const link = shared.getByRole("link", { name: "Quarterly roadmap for the whole team" });
  await expect(teamToggle).toHaveAttribute("aria-expanded", "true");
  await expect(link).toBeVisible();
  await keepScreenshot(member, testInfo, "newcomer-shared-with-me");
  await link.click();
  await expect(member).toHaveURL(new RegExp(`/c/${conversation.id}$`));

  await teamToggle.click();
  await expect(teamToggle).toHaveAttribute("aria-expanded", "false");
  await expect(link).toBeHidden();
  await member.reload();
  await expect(teamToggle).toHaveAttribute("aria-expanded", "false");
  await expect(link).toBeHidden();

  await sidebar(member).getByRole("searchbox", { name: "Search conversations" }).fill("roadmap");
  const results = sidebar(member).getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link")).toHaveCount(1);
  await expect(results.getByRole("link")).toContainText(`${teamName} · by Olivia`);
  await expectNoSeriousViolations(member);
});

test("a long title uses the row's width; the row's actions show on hover over its end", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Wren");
  const title = "Planning the autumn trip to the Dolomites with the family";
  const { id } = await post(page, "/api/conversations", { title });
  // The list shows a conversation once it holds a message.
  const sent = await page.request.post(`/api/conversations/${id}/messages`, {
    data: { content: "Where shall we stay?" },
  });
  expect(sent.ok()).toBe(true);
  await page.reload();
  const row = sidebar(page).getByRole("listitem").filter({ hasText: title });
  const link = row.getByRole("link", { name: title });
  const [rowBox, linkBox] = [await row.boundingBox(), await link.boundingBox()];
  expect(linkBox?.width).toBeGreaterThan((rowBox?.width ?? 0) - 2);

  await row.hover();
  await expect(row.getByRole("button", { name: `Delete ${title}` })).toBeVisible();
  await expect(row.getByRole("button", { name: `Delete ${title}` })).toHaveCSS("opacity", "1");
  await keepScreenshot(page, testInfo, "newcomer-sidebar-row-hover");
  await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();

  // On a phone there is no hover: a row that is not the open conversation keeps its width for the title but for its
  // More button, which shows the actions when tapped.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.mouse.move(0, 0);
  await page.getByRole("button", { name: "Open sidebar" }).click();
  const phoneRow = page.getByRole("dialog", { name: "Sidebar" }).getByRole("listitem").filter({ hasText: title });
  const more = phoneRow.getByRole("button", { name: `More actions for ${title}` });
  const [phoneRowBox, phoneLinkBox, moreBox] = [
    await phoneRow.boundingBox(),
    await phoneRow.getByRole("link").boundingBox(),
    await more.boundingBox(),
  ];
  expect(phoneLinkBox?.x).toBeLessThan((phoneRowBox?.x ?? 0) + 2);
  expect((phoneLinkBox?.x ?? 0) + (phoneLinkBox?.width ?? 0)).toBeGreaterThan((moreBox?.x ?? 0) - 2);
  await expect(phoneRow.getByRole("button", { name: `Delete ${title}` })).toBeHidden();
  await keepScreenshot(page, testInfo, "newcomer-sidebar-phone");
});

test("an owner confirms in one dialog before revoking or deleting; the only owner is told why they cannot leave", async ({
  browser,
}, testInfo) => {
  const teamName = `Harbor ${randomUUID().slice(0, 6)}`;
  const { page } = await newUserPage(browser, "Tess");
  const team = await post(page, "/api/teams", { name: teamName });
  await page.goto(`/teams/${team.id}`);

  // Several links stay listed, each named by its role.
  await page.getByLabel("Role", { exact: true }).selectOption("EDITOR");
  await page.getByRole("button", { name: "Create link" }).click();
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByLabel("Maximum uses").fill("3");
  await page.getByRole("button", { name: "Create link" }).click();
  const editorLink = page.getByRole("textbox", { name: "Invitation link for Editor" });
  const viewerLink = page.getByRole("textbox", { name: "Invitation link for Viewer" });
  await expect(editorLink).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(viewerLink).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  expect(await editorLink.inputValue()).not.toBe(await viewerLink.inputValue());
  await expect(page.getByText(/Viewer link · expires .* · up to 3 uses/)).toBeVisible();
  const invitations = page.getByRole("list", { name: "Invitation links" });
  await expect(invitations.getByRole("listitem", { name: /^Editor link, expires/ })).toContainText("used 0, no limit");
  await expect(invitations.getByRole("listitem", { name: /^Viewer link, expires/ })).toContainText("used 0 of 3");
  await keepScreenshot(page, testInfo, "newcomer-invitation-links");

  // Revoking asks first; cancelling changes nothing.
  const viewerItem = invitations.getByRole("listitem", { name: /^Viewer link/ });
  await viewerItem.getByRole("button", { name: "Revoke" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke invitation link" });
  await expect(confirmation).toContainText("Nobody can join with it any more.");
  await expect(confirmation.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "newcomer-confirm-dialog");
  await confirmation.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmation).toBeHidden();
  await expect(viewerItem).toBeVisible();
  await viewerItem.getByRole("button", { name: "Revoke" }).click();
  await confirmation.getByRole("button", { name: "Revoke" }).click();
  await expect(viewerItem).toHaveCount(0);
  await expect(invitations.getByRole("listitem")).toHaveCount(1);
  // The revoked link's box goes too; the other stays ready to copy.
  await expect(viewerLink).toHaveCount(0);
  await expect(editorLink).toBeVisible();

  // The only owner cannot leave: said before anything is asked or sent.
  await page.getByRole("button", { name: "Leave team" }).click();
  const explanation = page.getByRole("dialog", { name: `You can't leave ${teamName} yet` });
  await expect(explanation).toContainText("Make another member an owner first, or delete the team.");
  await expect(explanation.getByRole("button", { name: /Leave/ })).toHaveCount(0);
  await explanation.getByRole("button", { name: "Close" }).click();
  await expect(explanation).toBeHidden();

  await page.getByRole("button", { name: "Delete team" }).click();
  const deletion = page.getByRole("alertdialog", { name: "Delete team" });
  await expect(deletion).toContainText(`Delete ${teamName}?`);
  await deletion.getByRole("button", { name: "Delete team" }).click();
  await expect(page.getByText("You are not in a team yet.")).toBeVisible();
});

test("an admin confirms disabling a user, then reads names, not ids, in the audit log", async ({ browser }) => {
  const { email, context: userContext } = await newUserPage(browser, "Quinn");
  await userContext.close();
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const account = admin.getByRole("listitem", { name: email });
  await account.getByRole("button", { name: "Disable" }).click();
  const confirmation = admin.getByRole("alertdialog", { name: "Disable account" });
  await expect(confirmation).toContainText(`Disable ${email}?`);
  await confirmation.getByRole("button", { name: "Disable" }).click();
  await expect(account.getByRole("button", { name: "Enable" })).toBeVisible();

  await admin.goto(`/admin/audit-log?actor=${encodeURIComponent(E2E_ADMIN.email)}&action=user.update`);
  const entry = admin.getByRole("list", { name: "Audit entries" }).getByRole("listitem").first();
  const target = entry.getByText(`Quinn (${email})`);
  await expect(target).toBeVisible();
  // The action in words, in the filter and on the entry.
  await expect(entry).toContainText("User changed");
  await expect(admin.getByRole("combobox", { name: "Action" })).toHaveValue("user.update");
  await expect(admin.getByRole("combobox", { name: "Action" }).locator("option:checked")).toHaveText("User changed");
  await expect(target).toHaveAttribute("title", /^[a-z0-9]{20,}$/);
  await adminContext.close();
});

test("a closed registration says so before the form, and an invitation still opens it", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  const team = await post(admin, "/api/teams", { name: `Door ${randomUUID().slice(0, 6)}` });
  const invitation = await post(admin, `/api/teams/${team.id}/invitations`, { role: "EDITOR" });
  await post(admin, "/api/admin/registration-policy", { policy: "closed" }, "PUT");
  try {
    const visitor = await browser.newPage();
    await visitor.goto("/register");
    await expect(visitor.getByRole("heading", { name: "Registration is closed" })).toBeVisible();
    await expect(visitor.getByLabel("Password")).toHaveCount(0);
    await visitor.getByRole("link", { name: "Sign in" }).click();
    await expect(visitor).toHaveURL(/\/sign-in$/);
    await visitor.goto(`/register?invitation=${invitation.token}`);
    await expect(visitor.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await expect(visitor.getByLabel("Password")).toBeVisible();
    await visitor.close();
  } finally {
    await post(admin, "/api/admin/registration-policy", { policy: "open" }, "PUT");
    await adminContext.close();
  }
});
