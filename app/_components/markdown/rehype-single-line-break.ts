import type { Nodes, Root } from "hast";

// Markdown's hard break (a line ending in two spaces or a backslash) becomes a <br> and then the newline it stood for.
// A user's own message keeps its newlines (white-space: pre-wrap), so there both broke the line and a blank line
// showed. The newline after a <br> is dropped; elsewhere it was only white space at the start of a line anyway.
export function rehypeSingleLineBreak() {
  return (tree: Root) => dropNewlinesAfterBreaks(tree);
}

function dropNewlinesAfterBreaks(node: Nodes): void {
  if (!("children" in node)) return;
  node.children.forEach((child, index) => {
    const previous = node.children[index - 1];
    if (child.type === "text" && previous?.type === "element" && previous.tagName === "br") {
      child.value = child.value.replace(/^\n/, "");
    }
    dropNewlinesAfterBreaks(child);
  });
}
