"use client";

import { ActionButton } from "@/app/_components/ui/action-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { LoadedVersionReload } from "./use-loaded-version";

type StaleReloadButtonProps = { reload: LoadedVersionReload | undefined; errorCode: string | null };

/** The way out of an edit refused as stale: loads what is saved now in place of what the form was loaded from. */
export function StaleReloadButton({ reload, errorCode }: StaleReloadButtonProps) {
  const { t } = useTranslator();
  if (!reload || errorCode !== "stale_version") return null;
  return (
    <div>
      <ActionButton onClick={reload.onReload} isPending={reload.isReloading}>
        {t("admin.form.reload")}
      </ActionButton>
    </div>
  );
}
