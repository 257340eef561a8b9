// Copying a message as a user does: their own message and the reply each have a Copy button that puts the message's
// Markdown source on the clipboard and says so.
import { expect } from "@playwright/test";
import { newUserPage, receiveReply, test } from "./helpers";

test("a user copies their own message and the reply, each as its Markdown", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Copier");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const reply = await receiveReply(page, "A **bold** answer.");
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  const mine = page.getByRole("article", { name: "You" });
  await mine.hover();
  await mine.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(mine.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toBeAttached();
  expect(await clipboard()).toBe("echo:\nA **bold** answer.");

  await reply.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reply.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toBeAttached();
  // As the model wrote it: the fake model echoes what follows "echo:", the line break included.
  expect(await clipboard()).toBe("\nA **bold** answer.");
});
