// What a paste attaches. Copying cells in Excel or Sheets, or a selection in Word or a web page, puts the text and a
// picture of it on the clipboard together: the user pasting into a message box means the text. So the text is
// pasted as text and the picture is not attached as well: it shows the same words again, would cost the model an
// image's tokens, and would stop the message on a model that reads no images. A screenshot or a copied image comes
// with no text, and is attached.

/** The files to attach from a paste of `files` and `text` (the clipboard's text/plain); none leaves the paste as text. */
export function filesToAttachFromPaste(files: File[], text: string): File[] {
  const words = text.trim();
  if (words === "") return files;
  // A file copied in a file manager (Finder) comes with its name as the text: the file is what is meant.
  const names = new Set(files.map((file) => file.name));
  const isFileNames = words.split(/\r?\n/).every((line) => names.has(line.trim()));
  return isFileNames ? files : [];
}
