import { memo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { CodeBlock } from "./code-block";
import { ExternalImage } from "./external-image";
import { MarkdownTable, SafeLink, TaskCheckbox } from "./markdown-elements";
import { SANITIZE_PLUGINS } from "./markdown-sanitize";

export type PluggableList = NonNullable<Options["rehypePlugins"]>;
export type Pluggable = PluggableList[number];

type MarkdownBlockProps = { source: string; mathPlugin: Pluggable | null };

const REMARK_PLUGINS: PluggableList = [remarkGfm, remarkMath];
const COMPONENTS: Components = {
  a: SafeLink,
  img: ExternalImage,
  input: TaskCheckbox,
  pre: CodeBlock,
  table: MarkdownTable,
};

// KaTeX runs after sanitizing: its input is the sanitized text of math elements and, with `trust: false`, its output
// has no links, scripts or styles that could load anything.
export const MarkdownBlock = memo(function MarkdownBlock({ source, mathPlugin }: MarkdownBlockProps) {
  return (
    <ReactMarkdown
      remarkPlugins={REMARK_PLUGINS}
      rehypePlugins={mathPlugin ? [...SANITIZE_PLUGINS, mathPlugin] : SANITIZE_PLUGINS}
      components={COMPONENTS}
    >
      {source}
    </ReactMarkdown>
  );
});
