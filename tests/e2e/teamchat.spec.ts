// Team conversations as their members use them: the owner shares a conversation with a team; an editor watches the
// owner's next turn arrive live with her name on it; a viewer reads without a composer and copies the thread into
// their own chats; once the owner stops sharing, the editor's open page loses it. Teams and memberships are written
// to the database directly (the teams pages are another part of issue 5).
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN, e2eStackFile } from "../support/e2e-scenario";
import {
  composer,
  expectNoSeriousViolations,
  importConversations,
  keepScreenshot,
  newUserPage,
  receiveReply,
  send,
  test,
} from "./helpers";

type Database = typeof import("../../lib/db/client");
let database: Database;

test.beforeAll(async ({ baseURL }) => {
  const { databaseUrl } = JSON.parse(readFileSync(e2eStackFile(baseURL ?? ""), "utf8")) as { databaseUrl: string };
  process.env.DATABASE_URL = databaseUrl;
  database = await import("../../lib/db/client");
});

async function makeTeam(name: string, members: { email: string; role: "OWNER" | "EDITOR" | "VIEWER" }[]) {
  const users = await database.db().user.findMany({ where: { email: { in: members.map((member) => member.email) } } });
  const idOf = (email: string) => users.find((user) => user.email === email)?.id ?? "";
  return database.db().team.create({
    data: {
      name,
      memberships: { create: members.map((member) => ({ userId: idOf(member.email), role: member.role })) },
    },
  });
}

function userTurn(page: Page, author: string) {
  return page.getByRole("article", { name: `Message from ${author}` });
}

test("a conversation shared with a team: live turns with author names, a read-only viewer, copy, stop sharing", async ({
  browser,
}, testInfo) => {
  // Three people in three browser contexts, each signing up and streaming: this story takes 20–35 s on a busy
  // two-core machine, too close to the default 30 s.
  test.slow();
  const ana = await newUserPage(browser, "Ana");
  const ben = await newUserPage(browser, "Ben");
  const vic = await newUserPage(browser, "Vic");
  const teamName = `Crew ${Date.now().toString(36)}`;
  await makeTeam(teamName, [
    { email: ana.email, role: "OWNER" },
    { email: ben.email, role: "EDITOR" },
    { email: vic.email, role: "VIEWER" },
  ]);

  await receiveReply(ana.page, "Plan the **launch**.");
  await ana.page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = ana.page.getByRole("dialog", { name: "Share with a team" });
  await dialog.getByLabel("Team").selectOption({ label: teamName });
  await keepScreenshot(ana.page, testInfo, "teamchat-share-dialog");
  await expectNoSeriousViolations(ana.page);
  await dialog.getByRole("button", { name: "Share with team" }).click();
  await expect(ana.page.getByRole("button", { name: `Shared with ${teamName}` })).toBeVisible();
  await expect(userTurn(ana.page, "Ana")).toHaveCount(1);
  await keepScreenshot(ana.page, testInfo, "teamchat-owner-shared");
  const conversationUrl = ana.page.url();

  // The editor: continues it, without the owner's model and settings controls.
  await ben.page.goto(conversationUrl);
  await expect(userTurn(ben.page, "Ana")).toContainText("Plan the");
  await expect(composer(ben.page)).toBeVisible();
  await expect(ben.page.getByRole("button", { name: "Conversation settings" })).toHaveCount(0);

  // The viewer: reads only.
  await vic.page.goto(conversationUrl);
  await expect(vic.page.getByRole("note")).toHaveText("You can read this conversation. Only editors can reply.");
  await expect(composer(vic.page)).toHaveCount(0);
  await expect(vic.page.getByRole("button", { name: "Regenerate" })).toHaveCount(0);
  await keepScreenshot(vic.page, testInfo, "teamchat-viewer");
  await expectNoSeriousViolations(vic.page);

  // Ana's next turn appears on Ben's open page and streams there, with her name.
  await send(ana.page, "What comes after the launch?");
  await expect(userTurn(ben.page, "Ana").last()).toContainText("What comes after the launch?");
  const watchedReply = ben.page.getByRole("article", { name: "Assistant" }).last();
  await expect(watchedReply).toHaveAttribute("aria-busy", "true");
  await expect(watchedReply).toContainText("word59", { timeout: 20_000 });
  await expect(watchedReply).toHaveAttribute("aria-busy", "false");
  await keepScreenshot(ben.page, testInfo, "teamchat-editor-watching");

  // Ben replies too; Ana sees his name on his turn.
  await receiveReply(ben.page, "Ben's follow-up answer.");
  await expect(userTurn(ana.page, "Ben")).toBeVisible({ timeout: 20_000 });

  // Vic copies the thread up to the first reply into a private chat of their own, and may write there.
  // Each message has its button, named for what it copies up to.
  const firstReply = vic.page.getByRole("article", { name: "Assistant" }).first();
  await expect(
    userTurn(vic.page, "Ana").first().getByRole("button", { name: "Copy to my chats" }),
  ).toHaveAccessibleName("Copy to my chats up to this message");
  await firstReply.getByRole("button", { name: "Copy to my chats up to this reply" }).click();
  await expect(vic.page).not.toHaveURL(conversationUrl);
  await expect(composer(vic.page)).toBeVisible();
  await expect(vic.page.getByRole("article", { name: "Assistant" })).toHaveCount(1);
  await expect(vic.page.getByRole("button", { name: "Share", exact: true })).toBeVisible();

  // Ana takes it back: Ben's open page loses it.
  await ana.page.getByRole("button", { name: `Shared with ${teamName}` }).click();
  await ana.page.getByRole("button", { name: "Stop sharing" }).click();
  const confirmation = ana.page.getByRole("alertdialog", { name: "Stop sharing with the team" });
  await expect(confirmation).toContainText(`Members of ${teamName} lose access to this conversation at once.`);
  await confirmation.getByRole("button", { name: "Stop sharing" }).click();
  await expect(ana.page.getByRole("button", { name: "Share", exact: true })).toBeVisible();
  await expect(ben.page.getByRole("heading", { name: "Conversation not found" })).toBeVisible({ timeout: 15_000 });
  // Nor does his sidebar list it under "Shared with me" any longer.
  const conversationPath = new URL(conversationUrl).pathname;
  await expect(
    ben.page.getByRole("navigation", { name: "Conversations" }).locator(`a[href="${conversationPath}"]`),
  ).toHaveCount(0);

  await Promise.all([ana.context.close(), ben.context.close(), vic.context.close()]);
});

/** A conversation of the user's own, of one message, shared with the team. */
async function shareNewConversation(page: Page, title: string, teamId: string): Promise<string> {
  const [id] = await importConversations(page, [title]);
  expect((await page.request.put(`/api/conversations/${id}/team`, { data: { teamId } })).status()).toBe(200);
  return id ?? "";
}

/** Goes to the team's page through the links, as a user does: the sidebar stays the one loaded before. */
async function openTeamPage(page: Page, teamName: string) {
  await page.getByRole("link", { name: "Teams", exact: true }).click();
  await page.getByRole("link", { name: new RegExp(teamName) }).click();
  await expect(page.getByRole("heading", { name: teamName, level: 1 })).toBeVisible();
}

test("leaving, removing, renaming and deleting on the team page change the sidebar's Shared with me at once", async ({
  browser,
}) => {
  test.slow();
  const [ana, ben, cy, dee] = [
    await newUserPage(browser, "Ana"),
    await newUserPage(browser, "Ben"),
    await newUserPage(browser, "Cy"),
    await newUserPage(browser, "Dee"),
  ];
  const teamName = `Desk ${Date.now().toString(36)}`;
  const team = await makeTeam(teamName, [
    { email: ana.email, role: "OWNER" },
    { email: ben.email, role: "EDITOR" },
    { email: cy.email, role: "EDITOR" },
    { email: dee.email, role: "EDITOR" },
  ]);
  await shareNewConversation(ana.page, "Ana's launch plan", team.id);
  await shareNewConversation(cy.page, "Cy's budget", team.id);
  await shareNewConversation(dee.page, "Dee's hiring notes", team.id);
  const sharedWithMe = (page: Page) => page.getByRole("region", { name: "Shared with me" });

  // Ben leaves: what the team shared leaves his sidebar with him.
  await ben.page.reload();
  await expect(sharedWithMe(ben.page)).toContainText("Ana's launch plan");
  await openTeamPage(ben.page, teamName);
  await ben.page.getByRole("button", { name: "Leave team" }).click();
  await ben.page.getByRole("alertdialog", { name: "Leave team" }).getByRole("button", { name: "Leave team" }).click();
  await expect(ben.page.getByText("You are not in a team yet.")).toBeVisible();
  await expect(sharedWithMe(ben.page)).toHaveCount(0);

  // Ana renames the team: her sidebar names its part anew.
  await ana.page.reload();
  await expect(sharedWithMe(ana.page).getByRole("list", { name: teamName })).toContainText("Cy's budget");
  await openTeamPage(ana.page, teamName);
  const newName = `${teamName} renamed`;
  await ana.page.getByLabel("Team name").fill(newName);
  await ana.page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(sharedWithMe(ana.page).getByRole("list", { name: newName })).toBeVisible();

  // She removes Cy, whose conversation leaves the team with him, then deletes the team.
  await ana.page.getByRole("listitem", { name: "Cy" }).getByRole("button", { name: "Remove" }).click();
  await ana.page.getByRole("alertdialog", { name: "Remove member" }).getByRole("button", { name: "Remove" }).click();
  await expect(sharedWithMe(ana.page)).not.toContainText("Cy's budget");
  await expect(sharedWithMe(ana.page)).toContainText("Dee's hiring notes");
  await ana.page.getByRole("button", { name: "Delete team" }).click();
  await ana.page.getByRole("alertdialog", { name: "Delete team" }).getByRole("button", { name: "Delete team" }).click();
  await expect(ana.page.getByText("You are not in a team yet.")).toBeVisible();
  await expect(sharedWithMe(ana.page)).toHaveCount(0);
});

test("an open conversation's header names its team anew once the team is renamed, in another tab or by another member", async ({
  browser,
}) => {
  const [ana, ben] = [await newUserPage(browser, "Ana"), await newUserPage(browser, "Ben")];
  const teamName = `Header crew ${Date.now().toString(36)}`;
  const team = await makeTeam(teamName, [
    { email: ana.email, role: "OWNER" },
    { email: ben.email, role: "EDITOR" },
  ]);
  const id = await shareNewConversation(ana.page, "Ana's roadmap", team.id);
  const sharedWith = (page: Page, name: string) =>
    page.getByRole("button", { name: `Shared with ${name}`, exact: true });
  for (const { page } of [ana, ben]) {
    await page.goto(`/c/${id}`);
    await expect(sharedWith(page, teamName)).toBeVisible();
  }

  // Ana renames the team in another tab: her open conversation hears of it as her sidebar does.
  const teamTab = await ana.page.context().newPage();
  await teamTab.goto("/teams");
  await openTeamPage(teamTab, teamName);
  const newName = `${teamName} renamed`;
  await teamTab.getByLabel("Team name").fill(newName);
  await teamTab.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(sharedWith(ana.page, newName)).toBeVisible();

  // Ben's window comes back into focus, when his sidebar loads "Shared with me" again.
  await ben.page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(sharedWith(ben.page, newName)).toBeVisible();
});

test("an admin limits a model to chosen teams", async ({ page }, testInfo) => {
  const teamName = `Models crew ${Date.now().toString(36)}`;
  await makeTeam(teamName, []);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(composer(page)).toBeVisible();
  await page.goto("/admin/models");
  const form = page.getByRole("region", { name: "Add a model" });
  await form.getByRole("radio", { name: "Only these teams" }).check();
  await expect(form.getByRole("checkbox", { name: new RegExp(teamName) })).toBeVisible();
  await keepScreenshot(page, testInfo, "teamchat-admin-model-visibility");
  await form.getByRole("radio", { name: "Visible to everyone" }).check();
  await expect(form.getByRole("checkbox", { name: new RegExp(teamName) })).toBeHidden();
});

test("a team editor reads the conversation's own system prompt, folded above the thread, and cannot change it", async ({
  browser,
}) => {
  const ana = await newUserPage(browser, "Ana");
  const vic = await newUserPage(browser, "Vic");
  const teamName = `Prompt crew ${Date.now().toString(36)}`;
  await makeTeam(teamName, [
    { email: ana.email, role: "OWNER" },
    { email: vic.email, role: "EDITOR" },
  ]);
  await ana.page.getByRole("button", { name: "Add a system prompt" }).click();
  await ana.page.getByLabel("System prompt for this conversation").fill("Answer as the ship's log.");
  await receiveReply(ana.page, "Logged.");
  await ana.page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = ana.page.getByRole("dialog", { name: "Share with a team" });
  await dialog.getByLabel("Team").selectOption({ label: teamName });
  await dialog.getByRole("button", { name: "Share with team" }).click();
  await expect(ana.page.getByRole("button", { name: `Shared with ${teamName}` })).toBeVisible();

  await vic.page.goto(ana.page.url());
  await vic.page.getByText("This conversation has its own system prompt").click();
  await expect(vic.page.getByText("Answer as the ship's log.")).toBeVisible();
  // An editor continues the conversation, under its prompt, but only its owner changes it.
  await expect(composer(vic.page)).toBeVisible();
  await expect(vic.page.getByRole("button", { name: "Conversation settings" })).toHaveCount(0);
});
