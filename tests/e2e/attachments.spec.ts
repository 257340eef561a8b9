// Attachments as a user meets them: a screenshot pasted into the composer reaches a vision model as an image (the
// fake model echoes the parts it received) and stays in the thread after a reload; a PDF, a Word document and a CSV
// are picked with the paperclip and read as text; a file Parley cannot read is refused on its chip, before anything is sent.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { makeDocx, makePdf, makePng } from "../support/attachment-files";
import { E2E_ECHO_PREFIX } from "../support/e2e-scenario";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import {
  attachWithPaperclip,
  composer,
  expectNoSeriousViolations,
  holdNextUpload,
  keepScreenshot,
  newUserPage,
  signInAsAdmin,
  test,
} from "./helpers";

const VISION_MODEL = "gpt-4o-mini";

let upstream: FakeUpstream;
test.beforeAll(async () => {
  upstream = await startFakeUpstream({ scenario: { reply: "Plain.", echoPrefix: E2E_ECHO_PREFIX } });
});
test.afterAll(() => upstream.close());

async function addVisionModel(admin: Page, label: string) {
  const providerName = `Vision cloud ${randomUUID().slice(0, 6)}`;
  await admin.goto("/admin/providers");
  await admin.getByLabel("Name", { exact: true }).fill(providerName);
  await admin.getByLabel("Base URL").fill(upstream.url);
  await admin.getByRole("button", { name: "Add provider" }).click();
  await expect(admin.getByRole("listitem", { name: providerName })).toBeVisible();
  await admin.goto("/admin/models");
  await admin.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: providerName });
  await admin.getByLabel("Model name at the provider").fill(VISION_MODEL);
  await admin.getByLabel("Label", { exact: true }).fill(label);
  await admin.getByRole("button", { name: "Add model" }).click();
  // Known by its name as a vision model: it reads images without the admin doing anything.
  await expect(admin.getByRole("listitem", { name: label })).toContainText("Reads images");
}

/** A screenshot pasted from the clipboard, as the browser hands it to the page. */
async function pasteImage(page: Page, png: Buffer) {
  await composer(page).evaluate((textarea, base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "image.png", { type: "image/png" }));
    textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString("base64"));
}

test("a pasted screenshot reaches a vision model as an image and stays in the thread after a reload", async ({
  browser,
}, testInfo) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  const label = `Vision ${randomUUID().slice(0, 6)}`;
  await addVisionModel(admin, label);
  await adminContext.close();

  const { page } = await newUserPage(browser, "Looker");
  await page.getByRole("combobox", { name: "Model" }).selectOption({ label });
  await pasteImage(page, makePng(64, 48));
  const chips = page.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("img", { name: "image.png" })).toBeVisible();
  await expect(chips.getByRole("button", { name: "Remove image.png" })).toBeVisible();
  await expect(chips.getByRole("status")).toHaveCount(0);
  await composer(page).fill(`${E2E_ECHO_PREFIX}what is wrong?`);
  await composer(page).press("Enter");

  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("what is wrong? [image image/png]");
  await expect(page.getByRole("link", { name: "Open image.png" })).toBeVisible();
  await page.reload();
  const image = page.getByRole("link", { name: "Open image.png" }).getByRole("img", { name: "image.png" });
  await expect(image).toBeVisible();
  // The thumbnail really loaded through the authorised route.
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(64);
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "attachments-image-in-thread");
});

test("a PDF, a Word document and a CSV picked with the paperclip are read as text, on a phone", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Reader");
  await page.setViewportSize({ width: 390, height: 800 });
  await attachWithPaperclip(page, [
    { name: "report.pdf", mimeType: "application/pdf", buffer: makePdf("Revenue grew by 12 percent") },
    {
      name: "minutes.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: makeDocx(["Decision: ship on Friday"]),
    },
    { name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from("region,sales\nnorth,10\n") },
  ]);
  const chips = page.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("listitem")).toHaveCount(3);
  await expect(chips.getByRole("status")).toHaveCount(0);
  await keepScreenshot(page, testInfo, "attachments-chips-phone");
  await composer(page).fill(`${E2E_ECHO_PREFIX}summarise`);
  await composer(page).press("Enter");

  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("Revenue grew by 12 percent");
  await expect(reply).toContainText("Decision: ship on Friday");
  await expect(reply).toContainText("north,10");
  // In the order they were attached, whichever upload finished first.
  const sent = page.getByRole("article", { name: "You" }).getByRole("list", { name: "Attached files" });
  await expect(sent.getByRole("link")).toHaveText([/^report\.pdf/, /^minutes\.docx/, /^sales\.csv/]);
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "attachments-documents-phone");
});

test("a message sent while its file is still uploading goes once the upload has finished, held as it was sent", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Hasty");
  let finishUpload = await holdNextUpload(page);
  await attachWithPaperclip(page, [{ name: "plan.txt", mimeType: "text/plain", buffer: Buffer.from("Step one") }]);
  const chips = page.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("status")).toHaveCount(1);
  await composer(page).fill(`${E2E_ECHO_PREFIX}what is the first step?`);
  await composer(page).press("Enter");
  const waiting = page.getByText("Sends once the files have uploaded…");
  await expect(waiting).toBeVisible();
  // Held as sent: the text cannot change under it; Cancel gives it back for editing, and nothing goes.
  await expect(composer(page)).not.toBeEditable();
  await keepScreenshot(page, testInfo, "sends-after-uploads");
  await page.getByRole("button", { name: "Cancel sending" }).click();
  await expect(waiting).toBeHidden();
  await expect(composer(page)).toBeEditable();
  finishUpload();
  await expect(chips.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(0);

  // Sent again while a second file uploads: it goes once that one is up, with both.
  finishUpload = await holdNextUpload(page);
  await attachWithPaperclip(page, [{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Step two") }]);
  await composer(page).press("Enter");
  await expect(waiting).toBeVisible();
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(0);
  finishUpload();
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Step two");
  const sent = page.getByRole("article", { name: "You" }).getByRole("list", { name: "Attached files" });
  await expect(sent.getByRole("link")).toHaveText([/^plan\.txt/, /^notes\.txt/]);
  await expect(waiting).toBeHidden();
  await expect(composer(page)).toHaveValue("");
});

test("an edit that only adds a file, saved while the file uploads, goes once it has", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Adder");
  await composer(page).fill(`${E2E_ECHO_PREFIX}read it`);
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveAttribute("aria-busy", "false");
  await page.getByRole("article", { name: "You" }).getByRole("button", { name: "Edit message" }).click();
  const editor = page.getByRole("article", { name: "You" });
  const finishUpload = await holdNextUpload(page);
  await attachWithPaperclip(
    page,
    [{ name: "delta.txt", mimeType: "text/plain", buffer: Buffer.from("Delta facts") }],
    editor,
  );
  await editor.getByRole("button", { name: "Save & submit" }).click();
  await expect(editor.getByText("Sends once the files have uploaded…")).toBeVisible();
  await expect(editor.getByRole("button", { name: "Save & submit" })).toBeDisabled();
  finishUpload();
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Delta facts");
});

test("editing a message shows its files: the new version goes without one removed and with one added", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Editor");
  const text = (name: string, body: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(body) });
  await attachWithPaperclip(page, [text("alpha.txt", "Alpha facts"), text("bravo.txt", "Bravo facts")]);
  const composerChips = page.getByRole("list", { name: "Attached files" });
  await expect(composerChips.getByRole("listitem")).toHaveCount(2);
  await composer(page).fill(`${E2E_ECHO_PREFIX}read them`);
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Bravo facts");

  await page.getByRole("article", { name: "You" }).getByRole("button", { name: "Edit message" }).click();
  const editor = page.getByRole("article", { name: "You" });
  const chips = editor.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await chips.getByRole("button", { name: "Remove alpha.txt" }).click();
  // Dropped on the message being edited: its file, not the composer's (which keeps no chip of it).
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["Charlie facts"], "charlie.txt", { type: "text/plain" }));
    return data;
  });
  await editor.getByRole("textbox", { name: "Edit message text" }).dispatchEvent("drop", { dataTransfer: dropped });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Attached files" })).toHaveCount(1);
  await expect(chips.getByText("charlie.txt")).toBeVisible();
  // The text is the same: the files alone make a new version.
  await editor.getByRole("button", { name: "Save & submit" }).click();

  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("Charlie facts");
  await expect(reply).toContainText("Bravo facts");
  await expect(reply).not.toContainText("Alpha facts");
  const sent = page.getByRole("article", { name: "You" }).getByRole("list", { name: "Attached files" });
  await expect(sent.getByRole("link")).toHaveText([/^bravo\.txt/, /^charlie\.txt/]);

  // This model reads no images: one attached in the editor is refused on its chip, and nothing can be saved.
  await page.getByRole("article", { name: "You" }).getByRole("button", { name: "Edit message" }).click();
  const picture = await page.evaluateHandle(
    (bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "chart.png", { type: "image/png" }));
      return data;
    },
    [...makePng(8, 8)],
  );
  await editor.getByRole("textbox", { name: "Edit message text" }).dispatchEvent("drop", { dataTransfer: picture });
  await expect(chips.getByRole("alert")).toHaveText("This model cannot read images.");
  await editor.getByRole("textbox", { name: "Edit message text" }).fill(`${E2E_ECHO_PREFIX}read them again`);
  await expect(editor.getByRole("button", { name: "Save & submit" })).toBeDisabled();
  await editor.getByRole("button", { name: "Cancel" }).click();
});

test("a file Parley cannot read is refused on its chip, and so is an image for a model without vision, before sending", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Refused");
  // Dropped on the page, away from the composer.
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x00, 0x01, 0xff])], "program.exe"));
    return data;
  });
  await page.getByRole("heading", { name: "What can I help with?" }).dispatchEvent("drop", { dataTransfer: dropped });
  const chips = page.getByRole("list", { name: "Attached files" });
  await expect(chips.getByRole("alert")).toContainText("program.exe is not a file Parley can read");
  await chips.getByRole("button", { name: "Remove program.exe" }).click();
  await expect(chips).toHaveCount(0);

  await composer(page).fill("Hello");
  await composer(page).press("Enter");
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveAttribute("aria-busy", "false");
  await pasteImage(page, makePng(8, 8));
  await expect(chips.getByRole("img")).toBeVisible();
  await expect(chips.getByRole("status")).toHaveCount(0);
  // Refused on its chip before anything is sent: this conversation's model does not read images.
  await expect(chips.getByRole("alert")).toHaveText("This model cannot read images.");
  await composer(page).fill("What is in this picture?");
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await composer(page).press("Enter");
  await expect(composer(page)).toHaveValue("What is in this picture?");
  await expect(page.getByRole("article", { name: "You" })).toHaveCount(1);
  await chips.getByRole("button", { name: "Remove image.png" }).click();
  await expect(chips).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
});
