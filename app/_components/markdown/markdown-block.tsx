import { memo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { CodeBlock } from "./code-block";
import { ExternalImage } from "./external-image";
import { MarkdownTable, SafeLink, TaskCheckbox } from "./markdown-elements";
import { sanitizePlugins } from "./markdown-sanitize";
import { remarkPandocDollars } from "./math-dollars";
import { rehypeSingleLineBreak } from "./rehype-single-line-break";

export type PluggableList = NonNullable<Options["rehypePlugins"]>;
export type Pluggable = PluggableList[number];

/** `idPrefix` is unique to the message on the page: its footnotes' ids and links carry it. */
type MarkdownBlockProps = { source: string; mathPlugin: Pluggable | null; idPrefix: string };

const REMARK_PLUGINS: PluggableList = [remarkGfm, remarkMath, remarkPandocDollars];
// Footnote ids come out bare: the sanitizer gives every id the message's prefix, and prefixing here too doubled it.
const REMARK_REHYPE_OPTIONS: Options["remarkRehypeOptions"] = { clobberPrefix: "" };
const COMPONENTS: Components = {
  a: SafeLink,
  img: ExternalImage,
  input: TaskCheckbox,
  pre: CodeBlock,
  table: MarkdownTable,
};

// KaTeX runs after sanitizing: its input is the sanitized text of math elements and, with `trust: false`, its output
// has no links, scripts or styles that could load anything.
export const MarkdownBlock = memo(function MarkdownBlock({ source, mathPlugin, idPrefix }: MarkdownBlockProps) {
  const safePlugins = [rehypeSingleLineBreak, ...sanitizePlugins(idPrefix)];
  return (
    <ReactMarkdown
      remarkPlugins={REMARK_PLUGINS}
      remarkRehypeOptions={REMARK_REHYPE_OPTIONS}
      rehypePlugins={mathPlugin ? [...safePlugins, mathPlugin] : safePlugins}
      components={COMPONENTS}
    >
      {source}
    </ReactMarkdown>
  );
});
