"use client";

import { lazyModule, useLazyModule } from "@/app/_components/ui/use-lazy-module";
import type { Pluggable } from "./markdown-block";

// KaTeX is large: it is fetched the first time a message might contain math, not with the page.
const KATEX = lazyModule(() => import("./math-katex").then((module) => module.KATEX_PLUGIN));

export function useMathPlugin(source: string): Pluggable | null {
  return useLazyModule(KATEX, source.includes("$") || source.includes("```math"));
}
