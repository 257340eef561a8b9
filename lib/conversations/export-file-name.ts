const LONGEST_SLUG = 60;

/**
 * A file name from the title: letters, digits and dashes, so that every browser and file system accepts it. Dashes
 * are trimmed after the cut too: a title cut at a space would end the name in one ("word9-.md").
 */
export function toExportFileName(title: string, extension: string): string {
  // Accents come off their letters ("Résumé" gives "Resume", not "Re-sume"); the cut counts characters, never
  // splitting one written as two UTF-16 units, which made the download's header throw.
  const dashed = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-");
  const slug = Array.from(dashed)
    .slice(0, LONGEST_SLUG)
    .join("")
    .replace(/^-+|-+$/g, "");
  return `${slug || "conversation"}.${extension}`;
}
