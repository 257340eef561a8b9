// The composer as a user meets it on a phone: eleven attached files scroll within a bounded area above the box, and
// the conversation's heading and the box stay where they were.
import { expect, type Page, test } from "@playwright/test";
import { attachWithPaperclip, composer, expectNoSeriousViolations, keepScreenshot, newUserPage, send } from "./helpers";

function textFile(name: string, body: string) {
  return { name, mimeType: "text/plain", buffer: Buffer.from(body) };
}

// The composer's files: a sent message lists its own under the same name, each a link that opens the file.
function chips(page: Page) {
  return page.getByRole("list", { name: "Attached files" }).filter({ hasNot: page.getByRole("link") });
}

/** A conversation with one answered message; the sidebar lists it by the title the model gave it. */
async function startConversation(page: Page): Promise<string> {
  await send(page, "Plans for the week");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveAttribute("aria-busy", "false", {
    timeout: 20_000,
  });
  return page.url();
}

test("on a phone, eleven chips scroll within the composer and the conversation's heading stays where it was", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Phoner");
  await page.setViewportSize({ width: 375, height: 667 });
  await startConversation(page);
  const heading = page.getByRole("heading", { level: 1 });
  const before = await heading.boundingBox();
  const files = Array.from({ length: 11 }, (_, index) => textFile(`notes-${index + 1}.txt`, `Note ${index + 1}`));
  await attachWithPaperclip(page, files);
  await expect(chips(page).getByRole("listitem")).toHaveCount(11);
  await expect(chips(page).getByRole("status")).toHaveCount(0);
  await expect(chips(page).getByRole("alert")).toHaveCount(1);

  expect(await heading.boundingBox()).toEqual(before);
  await expect(page.getByRole("button", { name: "Open sidebar" })).toBeInViewport();
  await expect(composer(page)).toBeInViewport();
  // The list scrolls: its last chip, refused past the count, is reached within it.
  const last = chips(page).getByRole("listitem").last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  expect(await heading.boundingBox()).toEqual(before);
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "drafts-eleven-chips-phone");
});
