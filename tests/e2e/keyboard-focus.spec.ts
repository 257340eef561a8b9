// Where the keyboard focus goes after an action that removes, moves or re-renders the control it was on: never to
// the page's <body> (a keyboard or screen-reader user would start over from the top), but where the user goes on.
import { expect, type Page } from "@playwright/test";
import {
  composer,
  importConversations,
  newUserPage,
  PASSWORD,
  receiveReply,
  send,
  signInAsAdmin,
  test,
} from "./helpers";

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" });
}

test("the sidebar keeps the keyboard's place through rename, pin, delete and Undo", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Keys");
  await importConversations(page, ["Apples", "Pears", "Plums"]);
  await page.reload();
  const list = sidebar(page);
  await expect(list.getByRole("link", { name: "Plums" })).toBeVisible();

  await list.getByRole("button", { name: "Rename Apples" }).click();
  await list.getByRole("textbox", { name: "Conversation title" }).fill("Green apples");
  await list.getByRole("textbox", { name: "Conversation title" }).press("Enter");
  await expect(list.getByRole("button", { name: "Rename Green apples" })).toBeFocused();
  await page.keyboard.press("Enter");
  await list.getByRole("textbox", { name: "Conversation title" }).press("Escape");
  await expect(list.getByRole("button", { name: "Rename Green apples" })).toBeFocused();

  await list.getByRole("button", { name: "Pin Pears" }).click();
  const pinned = list.getByRole("region", { name: "Pinned" });
  await expect(pinned.getByRole("button", { name: "Unpin Pears" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("region", { name: "Pinned" })).toHaveCount(0);
  await expect(list.getByRole("button", { name: "Pin Pears" })).toBeFocused();

  await list.getByRole("button", { name: "Delete Green apples" }).click();
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("link", { name: "Green apples" })).toBeFocused();
  await context.close();
});

test("deleting the open conversation leaves its page with the focus on Undo, and Undo brings it back", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Opener");
  await importConversations(page, ["Apples", "Pears"]);
  await page.reload();
  const list = sidebar(page);
  await list.getByRole("link", { name: "Pears" }).click();
  await expect(page).toHaveURL(/\/c\//);
  await list.getByRole("button", { name: "Delete Pears" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("link", { name: "Pears" })).toBeFocused();
  await context.close();
});

test("after Save & submit of an edited message, or Regenerate, the focus is in the message box", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Editor");
  await receiveReply(page, "A first answer.");
  const message = page.getByRole("article", { name: "You" });
  await message.getByRole("button", { name: "Edit message" }).click();
  await page.getByRole("textbox", { name: "Edit message text" }).fill("echo:\nA second answer.");
  await page.getByRole("button", { name: "Save & submit" }).click();
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("A second answer.");
  await expect(composer(page)).toBeFocused();

  await reply.getByRole("button", { name: "Regenerate" }).focus();
  await page.keyboard.press("Enter");
  await expect(reply.getByRole("group", { name: "Version 2 of 2" })).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await context.close();
});

test("after Stop, pressed from the keyboard or clicked, the focus is in the message box", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Stopper");
  await send(page, "Tell me a long story");
  const reply = page.getByRole("article", { name: "Assistant" }).last();
  await page.getByRole("button", { name: "Stop", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(reply).toContainText("Stopped");
  await expect(composer(page)).toBeFocused();

  await send(page, "Another one, please");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByRole("article", { name: "Assistant" }).last()).toContainText("Stopped");
  await expect(composer(page)).toBeFocused();
  await context.close();
});

test("a settings form keeps the focus on its Save button while it saves and after", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Saver");
  await page.goto("/settings");
  const instructions = page.getByRole("textbox", { name: "About you, and how the model should answer" });
  await instructions.fill("Answer briefly.");
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Custom instructions" }) });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(form.getByRole("button", { name: "Save" })).toBeFocused();
  await context.close();
});

test("a failed sign-in puts the focus back in the password field", async ({ browser }) => {
  const { page, email, context } = await newUserPage(browser, "Forgetful");
  await context.clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(`${PASSWORD} but wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await context.close();
});

test("a team owner goes on from the new link, the next invitation and the next member", async ({ browser }) => {
  test.slow();
  const { page: owner, context: ownerContext } = await newUserPage(browser, "Tessa");
  await owner.goto("/teams");
  await owner.getByLabel("Team name").fill(`Focus ${Date.now().toString(36)}`);
  await owner.getByRole("button", { name: "Create team" }).click();
  await expect(owner.getByText("Your role: Owner")).toBeVisible();

  await owner.getByRole("button", { name: "Create link" }).click();
  const editorLink = owner.getByRole("textbox", { name: "Invitation link for Editor" });
  await expect(editorLink).toBeFocused();
  const link = await editorLink.inputValue();
  await owner.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await owner.getByRole("button", { name: "Create link" }).click();
  await expect(owner.getByRole("textbox", { name: "Invitation link for Viewer" })).toBeFocused();

  const invitations = owner.getByRole("list", { name: "Invitation links" });
  await expect(invitations.getByRole("listitem")).toHaveCount(2);
  await invitations.getByRole("button", { name: "Revoke" }).first().click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(invitations.getByRole("listitem")).toHaveCount(1);
  await expect(invitations.getByRole("button", { name: "Revoke" })).toBeFocused();

  const { page: member, context } = await newUserPage(browser, "Milo");
  await member.goto(link);
  await member.getByRole("button", { name: /^Join/ }).click();
  await expect(member.getByText("Your role: Editor")).toBeVisible();
  await context.close();

  await owner.reload();
  const members = owner.getByRole("list", { name: "Members" });
  // A role changed from the keyboard (Arrow Down: Editor to Viewer) keeps the focus on its field while it is sent.
  const role = members.getByRole("combobox", { name: "Role of Milo" });
  await role.focus();
  await owner.keyboard.press("ArrowDown");
  await expect(role).toHaveValue("VIEWER");
  await expect(owner.getByText("Your role: Owner")).toBeVisible();
  await expect(role).toBeFocused();
  await members.getByRole("listitem", { name: "Milo" }).getByRole("button", { name: "Remove" }).click();
  await owner.getByRole("alertdialog", { name: "Remove member" }).getByRole("button", { name: "Remove" }).click();
  await expect(members.getByRole("listitem")).toHaveCount(1);
  await expect(members.getByRole("button", { name: "Leave team" })).toBeFocused();
  await ownerContext.close();
});

test("revoking a link in the share dialog keeps the focus inside the dialog", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Revoker");
  await receiveReply(page, "Something to share.");
  const conversationId = new URL(page.url()).pathname.split("/").at(-1);
  for (let made = 0; made < 2; made++) {
    const created = await page.request.post(`/api/conversations/${conversationId}/share-links`, { data: {} });
    expect(created.status()).toBe(201);
  }

  await page.getByRole("button", { name: "Share link…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share a link" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByRole("textbox", { name: "Share link" })).toBeFocused();

  const links = dialog.getByRole("list", { name: "Links to this conversation" });
  const revokeButtons = links.getByRole("button", { name: /^Revoke the link/ });
  await expect(revokeButtons).toHaveCount(3);
  for (const left of [2, 1]) {
    await revokeButtons.first().click();
    await page.getByRole("alertdialog", { name: "Revoke share link" }).getByRole("button", { name: "Revoke" }).click();
    await expect(revokeButtons).toHaveCount(left);
    await expect(revokeButtons.first()).toBeFocused();
  }
  await revokeButtons.first().click();
  await page.getByRole("alertdialog", { name: "Revoke share link" }).getByRole("button", { name: "Revoke" }).click();
  await expect(revokeButtons).toHaveCount(0);
  await expect(dialog.getByRole("heading", { name: "Links to this conversation" })).toBeFocused();
  await expect(dialog).toBeVisible();
  await context.close();
});

test("revoking an API key from the keyboard goes on from the next key's Revoke", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API keys" });
  const older = `Older-${Date.now().toString(36)}`;
  const newer = `Newer-${Date.now().toString(36)}`;
  for (const name of [older, newer]) {
    await section.getByLabel("Key name").fill(name);
    await section.getByRole("button", { name: "Create key" }).click();
    await expect(section.getByRole("row").filter({ hasText: name })).toBeVisible();
  }

  await section.getByRole("button", { name: `Revoke ${newer}` }).press("Enter");
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).press("Enter");
  await expect(
    section.getByRole("row").filter({ hasText: newer }).getByRole("cell", { name: "Revoked" }),
  ).toBeVisible();
  // The keys are listed newest first: the next row is the older key's.
  await expect(section.getByRole("button", { name: `Revoke ${older}` })).toBeFocused();
});
