"use client";

import { type ReactNode, useMemo } from "react";
import { lazyModule, useLazyModule } from "@/app/_components/ui/use-lazy-module";

// The highlighter and its grammars are fetched the first time a code block with a language appears.
const HIGHLIGHTER = lazyModule(() => import("./highlighter").then((module) => module.highlight));

export function useHighlightedCode(text: string, language: string | null): ReactNode | null {
  const highlight = useLazyModule(HIGHLIGHTER, language !== null);
  return useMemo(
    () => (highlight === null || language === null ? null : highlight(text, language)),
    [highlight, text, language],
  );
}
