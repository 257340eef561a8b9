"use client";

import { useId } from "react";
import { MarkdownBlock } from "./markdown-block";
import { splitMarkdownBlocks } from "./markdown-blocks";
import { useMathPlugin } from "./math-plugin";

export type MarkdownProps = { source: string; className?: string };

// Each block renders on its own and is memoised, so while a reply streams only the block that grows renders again.
export function MarkdownBody({ source, className = "" }: MarkdownProps) {
  const mathPlugin = useMathPlugin(source);
  // The same on the server and in the browser, and unique on the page: several messages may each have a footnote 1.
  const idPrefix = `message${useId()}-`;
  return (
    <div className={`markdown ${className}`}>
      {splitMarkdownBlocks(source).map((block, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks only grow at the end; the index is their identity.
        <MarkdownBlock key={index} source={block} mathPlugin={mathPlugin} idPrefix={idPrefix} />
      ))}
    </div>
  );
}
