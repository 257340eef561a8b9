"use client";

import { useEffect, useState } from "react";

// A part of the UI fetched the first time something needs it (the highlighter, KaTeX), then shared by everyone.
export type LazyModule<Value> = { load: () => Promise<Value>; loaded: () => Value | null };

export function lazyModule<Value>(importValue: () => Promise<Value>): LazyModule<Value> {
  let value: Value | null = null;
  let loading: Promise<Value> | null = null;
  return {
    load: () => {
      loading ??= importValue().then((imported) => {
        value = imported;
        return imported;
      });
      return loading;
    },
    loaded: () => value,
  };
}

// The module's value once loaded; null before, or while nothing needs it yet.
export function useLazyModule<Value>(module: LazyModule<Value>, isNeeded: boolean): Value | null {
  const [value, setValue] = useState<Value | null>(module.loaded);

  useEffect(() => {
    if (!isNeeded || value !== null) return;
    let isCurrent = true;
    void module.load().then((loaded) => {
      // Wrapped: the value may itself be a function, which setState would call.
      if (isCurrent) setValue(() => loaded);
    });
    return () => {
      isCurrent = false;
    };
  }, [module, isNeeded, value]);

  return value;
}
