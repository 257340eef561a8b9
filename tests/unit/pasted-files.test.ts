// What a paste in the composer attaches: a screenshot is a file, text copied with a picture of it is text.
import { describe, expect, it } from "vitest";
import { filesToAttachFromPaste } from "@/app/_components/attachments/pasted-files";

const image = (name = "image.png") => new File([new Uint8Array(4)], name, { type: "image/png" });

describe("filesToAttachFromPaste", () => {
  it("attaches a screenshot or a copied image, which come without text", () => {
    const screenshot = image();
    expect(filesToAttachFromPaste([screenshot], "")).toEqual([screenshot]);
    expect(filesToAttachFromPaste([screenshot], " \n")).toEqual([screenshot]);
  });

  it("leaves cells copied with a picture of them to be pasted as text, attaching nothing", () => {
    expect(filesToAttachFromPaste([image()], "Region\tSales\nNorth\t10")).toEqual([]);
  });

  it("attaches files copied in a file manager, which come with their names as the text", () => {
    const chart = image("chart.png");
    const logo = image("logo.png");
    expect(filesToAttachFromPaste([chart], "chart.png")).toEqual([chart]);
    expect(filesToAttachFromPaste([chart, logo], "chart.png\nlogo.png")).toEqual([chart, logo]);
    expect(filesToAttachFromPaste([chart], "chart.png is attached")).toEqual([]);
  });

  it("attaches nothing when nothing but text is pasted", () => {
    expect(filesToAttachFromPaste([], "Hello")).toEqual([]);
  });
});
