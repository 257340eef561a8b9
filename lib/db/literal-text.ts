// Prisma's `contains` puts the text into a LIKE pattern as it is, so `%` and `_` in it would match anything. Escaped
// with PostgreSQL's default LIKE escape character, the backslash, they match themselves.
export function literalLikeText(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
