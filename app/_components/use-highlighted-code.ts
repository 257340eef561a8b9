"use client";

import { type ReactNode, useEffect, useMemo, useState } from "react";
import type { Highlighter } from "./highlighter";

let loadedHighlighter: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

// The highlighter and its grammars are fetched the first time a code block with a language appears.
function loadHighlighter(): Promise<Highlighter> {
  loading ??= import("./highlighter").then((module) => {
    loadedHighlighter = module.highlight;
    return module.highlight;
  });
  return loading;
}

export function useHighlightedCode(text: string, language: string | null): ReactNode | null {
  const [highlighter, setHighlighter] = useState<Highlighter | null>(loadedHighlighter);

  useEffect(() => {
    if (language === null || highlighter !== null) return;
    let isCurrent = true;
    void loadHighlighter().then((loaded) => {
      if (isCurrent) setHighlighter(() => loaded);
    });
    return () => {
      isCurrent = false;
    };
  }, [language, highlighter]);

  return useMemo(
    () => (highlighter === null || language === null ? null : highlighter(text, language)),
    [highlighter, text, language],
  );
}
