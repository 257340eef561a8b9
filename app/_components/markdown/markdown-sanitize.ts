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

// The sanitizer prefixes every id a message has (footnotes' among them) with the message's own prefix, so that no
// message can take an id of the page (`main`) or of another message. Links within the message follow suit.
function rehypePrefixInPageLinks(idPrefix: string) {
  return (tree: Root) => prefixInPageLinks(tree, idPrefix);
}

function prefixInPageLinks(node: Nodes, idPrefix: string): void {
  if (node.type === "element" && node.tagName === "a") {
    const href = node.properties.href;
    if (typeof href === "string" && href.startsWith("#")) node.properties.href = `#${idPrefix}${href.slice(1)}`;
  }
  if ("children" in node) for (const child of node.children) prefixInPageLinks(child, idPrefix);
}

/** The plugins that make a message's HTML safe; `idPrefix` is unique to the message on the page. */
export function sanitizePlugins(idPrefix: string): PluggableList {
  return [
    rehypeHtmlAsText,
    [rehypeSanitize, { ...SCHEMA, clobberPrefix: idPrefix }],
    [rehypePrefixInPageLinks, idPrefix],
  ];
}
