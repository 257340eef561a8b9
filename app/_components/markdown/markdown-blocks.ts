// Splits Markdown into top-level blocks so that a streaming reply re-renders only its growing last block: the
// blocks before it are complete and their rendering is memoised. Joining the blocks with "\n" gives the source back.

const FENCE_OPENING = /^ {0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^ {0,3}\$\$/;
// Reference links and footnotes resolve across the whole text, so such a text stays one block.
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

type Fence = { kind: "code"; marker: string } | { kind: "math" };

export function splitMarkdownBlocks(source: string): string[] {
  if (DEFINITION.test(source)) return [source];
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: Fence | null = null;
  let hasBlankLine = false;

  for (const line of source.split("\n")) {
    if (fence !== null) {
      current.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const isBlank = line.trim() === "";
    // A blank line ends a block unless the next line is indented: that continues a list item or indented code.
    if (!isBlank && hasBlankLine && !/^[ \t]/.test(line)) {
      blocks.push(current.join("\n"));
      current = [];
    }
    hasBlankLine = isBlank;
    current.push(line);
    fence = opensFence(line);
  }
  blocks.push(current.join("\n"));
  return blocks;
}

function opensFence(line: string): Fence | null {
  const code = FENCE_OPENING.exec(line);
  if (code?.[1]) return { kind: "code", marker: code[1] };
  // `$$x$$` on one line is complete; a lone `$$` (optionally followed by math) opens a display block.
  if (MATH_FENCE.test(line) && !/\$\$\s*$/.test(line.trim().slice(2))) return { kind: "math" };
  return null;
}

function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  if (fence.kind === "math") return trimmed.endsWith("$$");
  const marker = fence.marker;
  return (
    /^ {0,3}\S/.test(line) &&
    trimmed.length >= marker.length &&
    [...trimmed].every((character) => character === marker[0])
  );
}
