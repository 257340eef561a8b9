"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { MessageKey } from "@/app/_i18n/messages-en";
import { useReportDeletedOnLeave } from "./deleted-while-editing";

export type LoadedVersionReload = { onReload: () => void; isReloading: boolean };

/**
 * What an edit form of something versioned (a model, a provider, a single sign-on provider) was loaded from. Its
 * fields start from it, not from the page's latest data: a refresh after any change on the page would otherwise swap
 * the fields left untouched. Its save names that version; the form sends every field, so a save over a row changed
 * since would undo that change, and the server refuses it (lib/db/edit-versions.ts). `reload` then loads what is
 * saved now: key the form's fields by `loaded.version` so that they start afresh from it. A row deleted meanwhile
 * leaves the list with its form instead: `deletedMessage` says so above the list (deleted-while-editing.tsx).
 */
export function useLoadedVersion<T extends { version: number } | undefined>(
  latest: T,
  deletedMessage: MessageKey,
): { loaded: T; reload: LoadedVersionReload } {
  const router = useRouter();
  const [loaded, setLoaded] = useState(latest);
  const [isReloading, setIsReloading] = useState(false);
  if (isReloading && latest && latest.version !== loaded?.version) {
    setLoaded(latest);
    setIsReloading(false);
  }
  useReportDeletedOnLeave(isReloading, deletedMessage);

  function onReload(): void {
    setIsReloading(true);
    router.refresh();
  }

  return { loaded, reload: { onReload, isReloading } };
}
