"use client";

import { useEffect, useState } from "react";
import type { Pluggable } from "./markdown-block";

let loadedPlugin: Pluggable | null = null;
let loading: Promise<Pluggable> | null = null;

// KaTeX is large: it is fetched the first time a message might contain math, not with the page.
function loadMathPlugin(): Promise<Pluggable> {
  loading ??= import("./math-katex").then((module) => {
    loadedPlugin = module.KATEX_PLUGIN;
    return module.KATEX_PLUGIN;
  });
  return loading;
}

export function useMathPlugin(source: string): Pluggable | null {
  const mayHaveMath = source.includes("$") || source.includes("```math");
  const [plugin, setPlugin] = useState<Pluggable | null>(loadedPlugin);

  useEffect(() => {
    if (!mayHaveMath || plugin !== null) return;
    let isCurrent = true;
    void loadMathPlugin().then((loaded) => {
      if (isCurrent) setPlugin(() => loaded);
    });
    return () => {
      isCurrent = false;
    };
  }, [mayHaveMath, plugin]);

  return plugin;
}
