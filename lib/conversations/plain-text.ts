// A message's Markdown as one line of plain text, for the places that show it as text: a conversation's title, the
// excerpt that names a message (the share dialog). Markdown marks and control characters (a model or a pasted
// message may carry both) are noise there. Shared with the browser, so it imports nothing.

// Enough of a message for the first words of any excerpt, the Markdown around them included: cleaning a whole 32k
// message with these patterns would cost the event loop hundreds of milliseconds on hostile input, for nothing.
const EXCERPT_SOURCE_LENGTH = 1000;

/** The text without Markdown: emphasis, code marks and fences, headings, quotes, list and task markers, link
 * targets (a link keeps its text, an image its description), math delimiters and HTML tags; spaces collapsed. */
export function toPlainText(markdown: string): string {
  return (
    markdown
      .replace(/^\s*(```|~~~).*$/gm, " ")
      .replace(/(```|~~~)[\w+#-]*/g, " ")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      // A footnote's mark and its definition's label ("[^1]", "[^note]:").
      .replace(/\[\^[^\]\s]+\]:?/g, "")
      .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)/gm, "")
      .replace(/\$\$|\$(?=\S[^$]*\S\$)|(?<=\S)\$/g, "")
      // Underscores only at a word's edge (_emphasis_), never inside one (max_tokens).
      .replace(/[`*~|]+|(^|[\s([])_+|_+(?=[\s.,;:!?)\]]|$)|<\/?[a-z][^>]*>/gi, "$1")
      // Control and invisible format characters (bidi overrides, zero-width spaces) never belong in a line of text.
      .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * At most `maxLength` characters, cut at the last space that fits, with an ellipsis; text without spaces (Chinese,
 * a long URL) at a character, never inside a surrogate pair.
 */
export function cutAtWord(text: string, maxLength: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  const kept = characters.slice(0, maxLength - 1).join("");
  const lastSpace = kept.lastIndexOf(" ");
  const cut = lastSpace >= kept.length / 2 ? kept.slice(0, lastSpace) : kept;
  return `${cut.replace(/[\s,;:.-]+$/, "")}…`;
}

/** The start of a message as plain text, at most `maxLength` characters. */
export function plainExcerpt(markdown: string, maxLength: number): string {
  return cutAtWord(toPlainText(markdown.slice(0, EXCERPT_SOURCE_LENGTH)), maxLength);
}
