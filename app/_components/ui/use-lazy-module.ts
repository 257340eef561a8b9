"use client";

import { useEffect, useSyncExternalStore } from "react";

// A part of the UI fetched the first time something needs it (the highlighter, KaTeX), then shared by everyone.
export type LazyModule<Value> = {
  load: () => Promise<Value>;
  loaded: () => Value | null;
  /** Calls `onLoad` once the value has arrived; returns the way to stop listening. */
  subscribe: (onLoad: () => void) => () => void;
};

export function lazyModule<Value>(importValue: () => Promise<Value>): LazyModule<Value> {
  let value: Value | null = null;
  let loading: Promise<Value> | null = null;
  const listeners = new Set<() => void>();
  return {
    load: () => {
      loading ??= importValue().then((imported) => {
        value = imported;
        for (const onLoad of listeners) onLoad();
        return imported;
      });
      return loading;
    },
    loaded: () => value,
    subscribe: (onLoad) => {
      listeners.add(onLoad);
      return () => listeners.delete(onLoad);
    },
  };
}

const NOT_ON_THE_SERVER = () => null;

/**
 * The module's value once loaded; null before, or while nothing needs it yet. While React hydrates, null as on the
 * server even when the value has arrived meanwhile (one code block's fetch ends before the next block hydrates):
 * a first render unlike the server's HTML would make React throw that HTML away (error #418). The value follows at
 * once after.
 */
export function useLazyModule<Value>(module: LazyModule<Value>, isNeeded: boolean): Value | null {
  const value = useSyncExternalStore(module.subscribe, module.loaded, NOT_ON_THE_SERVER);

  useEffect(() => {
    if (isNeeded) void module.load();
  }, [module, isNeeded]);

  return value;
}
