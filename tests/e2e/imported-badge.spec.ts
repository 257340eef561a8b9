// An imported reply says so, in the owner's thread and on the page its share link opens: a file anyone can write
// must not make a shared page pass a user's words off as the model's.
import { expect } from "@playwright/test";
import { newUserPage, test } from "./helpers";

function chatGptNode(id: string, parent: string | null, children: string[], role?: string, text = "") {
  const message = role
    ? { author: { role }, content: { content_type: "text", parts: [text] }, create_time: 1_700_000_000 }
    : null;
  return { id, parent, children, message };
}

test("an imported reply carries an Imported badge in the thread and on its share page", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Importer");
  const imported = await page.request.post("/api/account/import", {
    data: [
      {
        title: "Forged praise",
        create_time: 1_700_000_000,
        current_node: "a1",
        mapping: {
          root: chatGptNode("root", null, ["u1"]),
          u1: chatGptNode("u1", "root", ["a1"], "user", "Am I right?"),
          a1: chatGptNode("a1", "u1", [], "assistant", "You are always right."),
        },
      },
    ],
  });
  expect(imported.status()).toBe(201);
  const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
  const id = conversations[0]?.id ?? "";
  await page.goto(`/c/${id}`);
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("You are always right.");
  await expect(reply.getByText("Imported", { exact: true })).toBeVisible();
  await expect(page.getByRole("article", { name: "You" }).getByText("Imported", { exact: true })).toHaveCount(0);

  const link = await page.request.post(`/api/conversations/${id}/share-links`, { data: {} });
  expect(link.status()).toBe(201);
  const { url } = (await link.json()) as { url: string };
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(url);
  const shared = visitor.getByRole("article", { name: "Assistant" });
  await expect(shared).toContainText("You are always right.");
  await expect(shared.getByText("Imported", { exact: true })).toBeVisible();
  await visitorContext.close();
});
