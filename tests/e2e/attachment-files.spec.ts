// What the composer makes of the files it is given: a transparent image stays transparent, under a name that says
// its type; text copied with a picture of it (a spreadsheet's cells) pastes as text; a chip shows what the server
// stored, never a broken or misleading thumbnail; an empty file is refused in the reader's language; a file dragged
// over the page shows where it goes.
import { expect, type Page } from "@playwright/test";
import { makePng } from "../support/attachment-files";
import { attachWithPaperclip, composer, holdNextUpload, newUserPage, test } from "./helpers";

// The classic 1×1 transparent GIF.
const TRANSPARENT_GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

type Uploaded = { id: string; name: string; contentType: string };

function nextUpload(page: Page): Promise<Uploaded> {
  return page
    .waitForResponse((response) => response.url().includes("/api/attachments?") && response.status() === 201)
    .then((response) => response.json() as Promise<Uploaded>);
}

/** A red disc on a transparent square, drawn and encoded by the browser as `type`, dropped on the page. */
async function dropDrawnImage(page: Page, name: string, type: string) {
  await page.evaluate(
    async ({ name, type }) => {
      const canvas = document.createElement("canvas");
      canvas.width = 40;
      canvas.height = 40;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("No canvas");
      context.fillStyle = "#ff0000";
      context.beginPath();
      context.arc(20, 20, 12, 0, 2 * Math.PI);
      context.fill();
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type));
      if (blob?.type !== type) throw new Error(`This browser cannot make ${type}`);
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type }));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, type },
  );
}

/** The RGBA of the served file's pixel at (x, y), as the page draws it. */
function servedPixel(page: Page, id: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    async ({ id, x, y }) => {
      const image = new Image();
      image.src = `/api/attachments/${id}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext("2d");
      context?.drawImage(image, 0, 0);
      return [...(context?.getImageData(x, y, 1, 1).data ?? [])];
    },
    { id, x, y },
  );
}

test("a transparent WebP stays a transparent WebP, and a GIF becomes a transparent PNG named .png", async ({
  browser,
}) => {
  const { page, context } = await newUserPage(browser, "Designer");
  const chips = page.getByRole("list", { name: "Attached files" });

  let uploaded = nextUpload(page);
  await dropDrawnImage(page, "logo.webp", "image/webp");
  const webp = await uploaded;
  expect(webp).toMatchObject({ name: "logo.webp", contentType: "image/webp" });
  const served = await page.request.get(`/api/attachments/${webp.id}`);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["content-disposition"]).toContain('filename="logo.webp"');
  // The corner is still transparent (it came out black as a JPEG), the disc still red.
  expect((await servedPixel(page, webp.id, 0, 0))[3]).toBe(0);
  const [red, green, , alpha] = await servedPixel(page, webp.id, 20, 20);
  expect(red).toBeGreaterThan(200);
  expect(green).toBeLessThan(50);
  expect(alpha).toBe(255);

  uploaded = nextUpload(page);
  await attachWithPaperclip(page, [{ name: "spacer.gif", mimeType: "image/gif", buffer: TRANSPARENT_GIF }]);
  const gif = await uploaded;
  expect(gif).toMatchObject({ name: "spacer.png", contentType: "image/png" });
  expect((await servedPixel(page, gif.id, 0, 0))[3]).toBe(0);
  // The chip names the file as it was stored.
  await expect(chips.getByRole("button", { name: "Remove spacer.png" })).toBeVisible();
  await context.close();
});

test("text copied with a picture of it pastes as text; a screenshot alone is attached", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Spreadsheet");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chips = page.getByRole("list", { name: "Attached files" });
  const png = makePng(16, 16).toString("base64");
  // What copying cells in a spreadsheet puts on the clipboard: the text, as plain text and HTML, and an image of it.
  await composer(page).focus();
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const item = new ClipboardItem({
      "text/plain": new Blob(["Some copied text"], { type: "text/plain" }),
      "text/html": new Blob(["<table><tr><td>Some copied text</td></tr></table>"], { type: "text/html" }),
      "image/png": new Blob([bytes], { type: "image/png" }),
    });
    await navigator.clipboard.write([item]);
  }, png);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(composer(page)).toHaveValue("Some copied text");
  await expect(chips).toHaveCount(0);

  await composer(page).fill("");
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ "image/png": new Blob([bytes], { type: "image/png" }) })]);
  }, png);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(chips.getByRole("listitem")).toHaveCount(1);
  await expect(composer(page)).toHaveValue("");
  await context.close();
});

test("a chip shows a thumbnail only for what the server stored as an image", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Renamer");
  const chips = page.getByRole("list", { name: "Attached files" });
  const html = Buffer.from("<!doctype html><title>Not a picture</title><p>Hello</p>");
  // An HTML page named .png: the browser takes it for an image by its name, and cannot show it.
  const finishUpload = await holdNextUpload(page);
  await attachWithPaperclip(page, [{ name: "evil.png", mimeType: "image/png", buffer: html }]);
  await expect(chips.getByRole("status")).toHaveCount(1);
  await expect(chips.getByRole("img")).toHaveCount(0);
  finishUpload();
  await expect(chips.getByRole("status")).toHaveCount(0);
  await expect(chips.getByRole("img")).toHaveCount(0);

  // An SVG is stored as text: no picture of it either.
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>';
  await attachWithPaperclip(page, [{ name: "drawing.svg", mimeType: "image/svg+xml", buffer: Buffer.from(svg) }]);
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(chips.getByRole("status")).toHaveCount(0);
  await expect(chips.getByRole("img")).toHaveCount(0);

  await attachWithPaperclip(page, [{ name: "real.png", mimeType: "image/png", buffer: makePng(8, 8) }]);
  await expect(chips.getByRole("img", { name: "real.png" })).toBeVisible();
  await expect(chips.getByRole("img")).toHaveCount(1);
  await context.close();
});

test("an empty file is refused in Chinese too, and a name with a backslash is taken", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Empty");
  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
  await page.goto("/");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "附加文件" }).click();
  await (await chooser).setFiles([
    { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
    { name: "back\\slash.txt", mimeType: "text/plain", buffer: Buffer.from("Kept") },
  ]);
  const chips = page.getByRole("list", { name: "附加的文件" });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(chips.getByRole("status")).toHaveCount(0);
  await expect(chips.getByRole("alert")).toHaveText(["此文件是空的。"]);
  await expect(chips.getByRole("button", { name: "移除 back\\slash.txt" })).toBeVisible();
  await context.close();
});

test("a file dragged over the page shows where it goes, and goes there when dropped", async ({ browser }) => {
  const { page, context } = await newUserPage(browser, "Dragger");
  const target = page.getByText("Drop files to attach them");
  await expect(target).toHaveCount(0);
  // A drag repeats dragover while it is over the page; it stops at the drop.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["Dragged facts"], "dragged.txt", { type: "text/plain" }));
    const dragOver = () =>
      document.body.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    const timer = setInterval(dragOver, 100);
    Object.assign(window, {
      dropDragged: () => {
        clearInterval(timer);
        document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      },
    });
  });
  await expect(target).toBeVisible();
  await page.evaluate(() => (window as unknown as { dropDragged: () => void }).dropDragged());
  await expect(target).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Attached files" }).getByText("dragged.txt")).toBeVisible();
  await context.close();
});
