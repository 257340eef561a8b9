// Issue 5's scenario end to end, in separate browser contexts and through the interface only: A creates a team and
// invites B by link as an editor; A shares a conversation with the team; B finds it in the team's history and
// continues it; A, watching, sees B's turn with B's name; a viewer cannot post; a share link opens signed out and
// shows only its snapshot; once revoked it is gone.
import { expect, type Page } from "@playwright/test";
import { composer, expectNoSeriousViolations, keepScreenshot, newUserPage, receiveReply, send, test } from "./helpers";

async function createInvitation(owner: Page, role: "EDITOR" | "VIEWER"): Promise<string> {
  await owner.getByLabel("Role", { exact: true }).selectOption(role);
  await owner.getByRole("button", { name: "Create link" }).click();
  const linkField = owner.getByRole("textbox", {
    name: `Invitation link for ${role === "EDITOR" ? "Editor" : "Viewer"}`,
  });
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return linkField.inputValue();
}

/** A new visitor opens the invitation signed out, creates an account from it and lands in the team. */
async function joinByLink(page: Page, link: string, name: string, teamName: string) {
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${Date.now().toString(36)}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: new RegExp(teamName) })).toBeVisible();
}

test("a team shares a conversation: invite, continue with author names, read-only viewer, share link", async ({
  browser,
}, testInfo) => {
  // Three people in three browser contexts, each signing up and streaming: this story takes 20–35 s on a busy
  // two-core machine, too close to the default 30 s.
  test.slow();
  const teamName = `Orbit ${Date.now().toString(36)}`;
  const { page: alice, email: aliceEmail } = await newUserPage(browser, "Alice");

  // A creates a team and an editor's invitation link.
  await alice.getByRole("link", { name: "Teams" }).click();
  await alice.getByLabel("Team name").fill(teamName);
  await alice.getByRole("button", { name: "Create team" }).click();
  await expect(alice.getByRole("heading", { name: teamName, level: 1 })).toBeVisible();
  await expect(alice).toHaveTitle(new RegExp(teamName));
  const editorLink = await createInvitation(alice, "EDITOR");
  const viewerLink = await createInvitation(alice, "VIEWER");

  // B, signed out in another browser context, registers from the link and is in the team.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await joinByLink(bob, editorLink, "Bob", teamName);
  await expect(bob.getByRole("link", { name: new RegExp(teamName) })).toContainText("Editor");

  // A starts a conversation and shares it with the team.
  await alice.goto("/");
  await receiveReply(alice, "The quarterly **roadmap** draft.");
  await alice.getByRole("button", { name: "Share", exact: true }).click();
  const shareDialog = alice.getByRole("dialog", { name: "Share with a team" });
  await shareDialog.getByLabel("Team").selectOption({ label: teamName });
  await shareDialog.getByRole("button", { name: "Share with team" }).click();
  await expect(alice.getByRole("button", { name: `Shared with ${teamName}` })).toBeVisible();
  const conversationUrl = alice.url();

  // B finds it in the team's history, by search, and continues it; A, whose page is open, sees B's turn live.
  await bob.getByRole("link", { name: new RegExp(teamName) }).click();
  await bob.getByRole("searchbox", { name: "Search the team's conversations" }).fill("roadmap");
  await bob.getByRole("button", { name: "Search", exact: true }).click();
  await bob.getByRole("list", { name: "History" }).getByRole("link").first().click();
  // At the message that matched.
  const conversationPath = new URL(conversationUrl).pathname;
  await expect(bob).toHaveURL((url) => url.pathname === conversationPath && url.searchParams.has("message"));
  await expect(bob.getByRole("article", { name: "Message from Alice" })).toContainText("roadmap");
  await receiveReply(bob, "Bob's additions to the roadmap.");
  const bobsTurn = alice.getByRole("article", { name: "Message from Bob" });
  await expect(bobsTurn).toContainText("Bob's additions to the roadmap.", { timeout: 20_000 });
  await expect(alice.getByRole("article", { name: "Assistant" }).last()).toHaveAttribute("aria-busy", "false", {
    timeout: 20_000,
  });
  await keepScreenshot(alice, testInfo, "team-sharing-owner-sees-editor-turn");
  // A regenerates the last reply: two versions, the second current for everyone.
  await alice.getByRole("article", { name: "Assistant" }).last().getByRole("button", { name: "Regenerate" }).click();
  await expect(alice.getByRole("article", { name: "Assistant" }).last().getByText("2/2")).toBeVisible();
  await expect(alice.getByRole("article", { name: "Assistant" }).last()).toHaveAttribute("aria-busy", "false");

  // A viewer reads, but has no composer, and the server refuses a post with 403 and stores nothing.
  // The viewer already has an account: signed in, the link offers to join.
  const { page: viewer, context: viewerContext } = await newUserPage(browser, "Vera");
  await viewer.goto(viewerLink);
  await viewer.getByRole("button", { name: `Join ${teamName}` }).click();
  await expect(viewer.getByText("Your role: Viewer")).toBeVisible();
  await viewer.goto(conversationUrl);
  await expect(viewer.getByRole("article", { name: "Message from Bob" })).toBeVisible();
  await expect(viewer.getByRole("article", { name: "Assistant" }).first().locator("strong")).toHaveText("roadmap");
  await expect(viewer.getByRole("note")).toHaveText("You can read this conversation. Only editors can reply.");
  await expect(composer(viewer)).toHaveCount(0);
  // The viewer sees which version the editors chose and why there is nothing to switch, not disabled arrows.
  const regenerated = viewer.getByRole("article", { name: "Assistant" }).last();
  await expect(regenerated.getByText("Version 2 of 2. Editors choose which version everyone sees.")).toBeAttached();
  await expect(regenerated.getByRole("button", { name: "Previous version" })).toHaveCount(0);
  const conversationId = new URL(conversationUrl).pathname.split("/").at(-1);
  const refused = await viewer.request.post(`/api/conversations/${conversationId}/messages`, {
    data: { content: "Viewer trying to post" },
  });
  expect(refused.status()).toBe(403);
  await viewer.reload();
  await expect(viewer.getByText("Viewer trying to post")).toHaveCount(0);
  await expectNoSeriousViolations(viewer);

  // A share link opens signed out and shows the snapshot only: titles, roles and text, no names or emails.
  await alice.getByRole("button", { name: "Share link…" }).click();
  const linkDialog = alice.getByRole("dialog", { name: "Share a link" });
  await linkDialog.getByRole("button", { name: "Create link" }).click();
  const shareUrl = await linkDialog.getByRole("textbox", { name: "Share link" }).inputValue();
  await send(alice, "A question after the link was made.");
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(shareUrl);
  await expect(visitor.getByText("Bob's additions to the roadmap.").first()).toBeVisible();
  await expect(visitor.getByText("A question after the link was made.")).toHaveCount(0);
  // Roles only: no author names on the turns, no email anywhere.
  await expect(visitor.getByRole("article", { name: "Message from Bob" })).toHaveCount(0);
  expect(await visitor.content()).not.toContain(aliceEmail);
  await keepScreenshot(visitor, testInfo, "team-sharing-snapshot");

  // Revoked: the page is gone at once.
  await linkDialog.getByRole("button", { name: /^Revoke the link created/ }).click();
  await alice.getByRole("alertdialog", { name: "Revoke share link" }).getByRole("button", { name: "Revoke" }).click();
  await expect(linkDialog.getByRole("listitem")).toContainText("Revoked");
  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "Shared conversation not available" })).toBeVisible();
  await expect(visitor.getByText("roadmap")).toHaveCount(0);

  await Promise.all([bobContext.close(), viewerContext.close(), visitorContext.close()]);
});
