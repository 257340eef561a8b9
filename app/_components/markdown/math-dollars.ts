// Pandoc's reading of `$`, so that prices are text: `$…$` is inline math only when the opening `$` has a non-space
// character to its right, the closing `$` a non-space character to its left, and the closing `$` is not followed by
// a digit ("$5 and $10" is text, "$x^2$" math). remark-math pairs any two single dollars of a paragraph and has no
// option for this rule, so this plugin, run after it, turns each pairing the rule refuses back into the text it was
// written as. After parsing, not before: the parser has already told code, links and HTML apart, and they keep their
// dollars as written. `$$…$$` stays math.
import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";

export function remarkPandocDollars() {
  return (tree: Root, file: VFile) => revertRefusedMath(tree, String(file.value));
}

function revertRefusedMath(node: Nodes, source: string): void {
  if (!("children" in node)) return;
  node.children = node.children.map((child) => {
    const written = writtenAs(child, source);
    if (child.type === "inlineMath" && written !== null && !isPandocMath(written.text, source[written.end])) {
      return { type: "text", value: written.text, position: child.position };
    }
    revertRefusedMath(child, source);
    return child;
  }) as typeof node.children;
}

function writtenAs(node: Nodes, source: string): { text: string; end: number } | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : { text: source.slice(start, end), end };
}

function isPandocMath(written: string, next: string | undefined): boolean {
  if (written.startsWith("$$")) return true;
  const inner = written.slice(1, -1);
  return /^\S/.test(inner) && /\S$/.test(inner) && !/\d/.test(next ?? "");
}
