// Pandoc's reading of `$`, so that prices are text: `$…$` is inline math only when the opening `$` has a non-space
// character to its right, the closing `$` a non-space character to its left, and the closing `$` is not followed by
// a digit ("$5 and $10" is text, "$x^2$" math). remark-math can only take every single `$` or none, so each `$` that
// cannot open or close under this rule is escaped before parsing. Code is left as written, and so is `$$…$$`.

const FENCE_OPENING = /^\s*(`{3,}|~{3,})/;

export function escapeNonMathDollars(source: string): string {
  const output: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  for (const line of source.split("\n")) {
    if (fence !== null) {
      output.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const opening = FENCE_OPENING.exec(line)?.[1];
    if (opening === undefined) {
      prose.push(line);
      continue;
    }
    if (prose.length > 0) output.push(escapeInProse(prose.join("\n")));
    prose = [];
    output.push(line);
    fence = opening;
  }
  if (prose.length > 0) output.push(escapeInProse(prose.join("\n")));
  return output.join("\n");
}

function closesFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && [...trimmed].every((character) => character === marker[0]);
}

function escapeInProse(text: string): string {
  let result = "";
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    let end = index + 1;
    if (character === "\\") end = index + 2;
    else if (character === "`") end = endOfDelimited(text, index, "`");
    else if (character === "$" && text[index + 1] === "$") end = endOfDelimited(text, index, "$");
    else if (character === "$") {
      const close = findInlineMathClose(text, index);
      if (close === null) {
        result += "\\$";
        index += 1;
        continue;
      }
      end = close + 1;
    }
    result += text.slice(index, end);
    index = end;
  }
  return result;
}

/** Past the run of `marker` at `start` and its closing run of the same length (a code span, `$$…$$`), or past the run
 * alone when nothing closes it. */
function endOfDelimited(text: string, start: number, marker: string): number {
  const runLength = lengthOfRun(text, start, marker);
  let search = start + runLength;
  while (search < text.length) {
    const next = text.indexOf(marker, search);
    if (next === -1) break;
    const length = lengthOfRun(text, next, marker);
    if (length === runLength) return next + length;
    search = next + length;
  }
  return start + runLength;
}

function lengthOfRun(text: string, start: number, marker: string): number {
  let end = start;
  while (text[end] === marker) end += 1;
  return end - start;
}

/** Where the `$` that `$` at `open` pairs with stands under Pandoc's rule, or null when it opens nothing. */
function findInlineMathClose(text: string, open: number): number | null {
  if (!isNonSpace(text[open + 1])) return null;
  let index = open + 1;
  while (index < text.length) {
    const character = text[index];
    // No escapes inside: the parser reads math as written, so `\$` would close it there as well.
    if (!isNonSpace(character)) {
      const spaceEnd = text.slice(index).search(/\S|$/) + index;
      // A blank line ends the paragraph; a `$` after a space cannot close.
      if (/\n[^\S\n]*\n/.test(text.slice(index, spaceEnd)) || text[spaceEnd] === "$") return null;
      index = spaceEnd;
    } else if (character === "$") {
      // `$$` inside would be read by the parser as a run of its own; "$x$5" is a price after all.
      return text[index + 1] === "$" || /\d/.test(text[index + 1] ?? "") ? null : index;
    } else {
      index += 1;
    }
  }
  return null;
}

function isNonSpace(character: string | undefined): boolean {
  return character !== undefined && /\S/.test(character);
}
