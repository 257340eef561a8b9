import "katex/dist/katex.min.css";
import rehypeKatex from "rehype-katex";
import type { Pluggable } from "./markdown-block";

// trust: false refuses \href, \url, \includegraphics and \htmlClass-style commands; errors render in place.
export const KATEX_PLUGIN: Pluggable = [rehypeKatex, { trust: false, strict: "ignore", maxSize: 50, maxExpand: 1000 }];
