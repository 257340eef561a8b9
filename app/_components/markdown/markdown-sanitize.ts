import type { Nodes, Root } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import type { PluggableList } from "./markdown-block";

// GitHub's allow-list, plus the classes remark-math marks math with (KaTeX renders those elements later).
const SCHEMA = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-./, "math-inline", "math-display"]],
  },
};

// HTML written in a message is shown as the text it is, never interpreted (the sanitizer would drop it silently).
function rehypeHtmlAsText() {
  return (tree: Root) => showHtmlAsText(tree);
}

function showHtmlAsText(node: Nodes): void {
  if (!("children" in node)) return;
  node.children = node.children.map((child) => (child.type === "raw" ? { type: "text", value: child.value } : child));
  for (const child of node.children) showHtmlAsText(child);
}

export const SANITIZE_PLUGINS: PluggableList = [rehypeHtmlAsText, [rehypeSanitize, SCHEMA]];
