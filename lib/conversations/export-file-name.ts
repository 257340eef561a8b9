const LONGEST_SLUG = 60;

/**
 * A file name from the title: letters, digits and dashes, so that every browser and file system accepts it. Dashes
 * are trimmed after the cut too: a title cut at a space would end the name in one ("word9-.md").
 */
export function toExportFileName(title: string, extension: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .slice(0, LONGEST_SLUG)
    .replace(/^-+|-+$/g, "");
  return `${slug || "conversation"}.${extension}`;
}
