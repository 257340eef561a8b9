// Teams as people use them: an owner creates a team and an invitation link; a signed-out visitor opens the link,
// creates an account from it and lands in the team; the owner changes the newcomer's role; the newcomer, who sees
// no owner controls, leaves; the owner deletes the team. A used-up link shows a clear not-found page.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { expectNoSeriousViolations, keepScreenshot, newUserPage, PASSWORD, test } from "./helpers";

test("an owner invites by link; the newcomer registers from it, gets a role, and leaves", async ({
  browser,
}, testInfo) => {
  // Two accounts, two axe scans and two reloads: about 30 s on a loaded 2-core machine, the default timeout.
  test.slow();
  const { page: owner } = await newUserPage(browser, "Olivia");
  await owner.getByRole("link", { name: "Teams" }).click();
  await expect(owner.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  await expect(owner.getByText("You are not in a team yet.")).toBeVisible();
  await owner.getByLabel("Team name").fill("Atlas");
  await owner.getByRole("button", { name: "Create team" }).click();
  await expect(owner.getByRole("heading", { name: "Atlas", level: 1 })).toBeVisible();
  await expect(owner.getByText("Your role: Owner")).toBeVisible();

  await owner.getByLabel("Role", { exact: true }).selectOption("EDITOR");
  await owner.getByLabel("Maximum uses").fill("1");
  await owner.getByRole("button", { name: "Create link" }).click();
  const linkField = owner.getByRole("textbox", { name: "Invitation link for Editor" });
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await expect(owner.getByRole("list", { name: "Invitation links" })).toContainText("used 0 of 1");
  await expectNoSeriousViolations(owner);
  await keepScreenshot(owner, testInfo, "teams-owner");

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "Join Atlas" })).toBeVisible();
  await expect(visitor.getByText("You are invited to join Atlas as Editor.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Sign in to join" })).toHaveAttribute(
    "href",
    `/sign-in?callbackUrl=${encodeURIComponent(new URL(link).pathname)}`,
  );
  await keepScreenshot(visitor, testInfo, "teams-invite-signed-out");
  await visitor.getByRole("link", { name: "Create an account" }).click();
  await expect(visitor.getByText("You will join Atlas as Editor.")).toBeVisible();
  await visitor.getByLabel("Name").fill("Bruno");
  await visitor.getByLabel("Email").fill(`bruno-${randomUUID().slice(0, 8)}@example.test`);
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Create account" }).click();
  await expect(visitor.getByRole("link", { name: /Atlas/ })).toContainText("Editor · 2 members");

  await owner.reload();
  const members = owner.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem", { name: "Bruno" })).toBeVisible();
  await owner.getByRole("combobox", { name: "Role of Bruno" }).selectOption("VIEWER");
  await expect(owner.getByRole("combobox", { name: "Role of Bruno" })).toHaveValue("VIEWER");
  // The last owner cannot step down: the server says why, and nothing changes.
  await owner.getByRole("combobox", { name: "Role of Olivia" }).selectOption("EDITOR");
  await expect(members.getByRole("alert")).toContainText("A team needs at least one owner.");
  await owner.reload();
  await expect(owner.getByRole("combobox", { name: "Role of Olivia" })).toHaveValue("OWNER");

  await visitor.getByRole("link", { name: /Atlas/ }).click();
  await expect(visitor.getByText("Your role: Viewer")).toBeVisible();
  // A viewer cannot share with the team, so is not asked to.
  await expect(visitor.getByRole("region", { name: "History" })).toContainText(
    "Nothing has been shared with this team yet. What its owners and editors share will appear here.",
  );
  for (const ownerOnly of ["Invitation links", "Team settings"]) {
    await expect(visitor.getByRole("heading", { name: ownerOnly })).toHaveCount(0);
  }
  await expect(visitor.getByRole("combobox", { name: "Role of Olivia" })).toHaveCount(0);
  await keepScreenshot(visitor, testInfo, "teams-viewer");
  await visitor.getByRole("button", { name: "Leave team" }).click();
  await visitor.getByRole("alertdialog", { name: "Leave team" }).getByRole("button", { name: "Leave team" }).click();
  await expect(visitor.getByText("You are not in a team yet.")).toBeVisible();

  // The link allowed one use: it is gone for the next person.
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This invitation is not valid" })).toBeVisible();
  await keepScreenshot(visitor, testInfo, "teams-invite-invalid");

  await owner.getByRole("button", { name: "Delete team" }).click();
  await owner.getByRole("alertdialog", { name: "Delete team" }).getByRole("button", { name: "Delete team" }).click();
  await expect(owner.getByText("You are not in a team yet.")).toBeVisible();
  await visitorContext.close();
});
