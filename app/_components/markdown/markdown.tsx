"use client";

import { lazy, Suspense } from "react";
import type { MarkdownProps } from "./markdown-body";

function loadMarkdownBody() {
  return import("./markdown-body").then((module) => ({ default: module.MarkdownBody }));
}

// The Markdown parser is kept out of the page's first JavaScript; fetching starts as soon as this module runs in
// the browser, so it normally arrives before the conversation's messages do.
if (typeof window !== "undefined") void loadMarkdownBody();

const MarkdownBody = lazy(loadMarkdownBody);

// Message text as Markdown; until the renderer has loaded, the plain text.
export function Markdown({ source, className = "" }: MarkdownProps) {
  return (
    <Suspense fallback={<div className={`markdown whitespace-pre-wrap ${className}`}>{source}</div>}>
      <MarkdownBody source={source} className={className} />
    </Suspense>
  );
}
