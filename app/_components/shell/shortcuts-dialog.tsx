"use client";

import { useEffect, useState } from "react";
import { SHORTCUTS } from "@/app/_components/ui/keyboard-shortcuts";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";

type ShortcutsDialogProps = { isOpen: boolean; onClose: () => void };

export function ShortcutsDialog({ isOpen, onClose }: ShortcutsDialogProps) {
  const { t } = useTranslator();
  const [modKey, setModKey] = useState("Ctrl");

  useEffect(() => {
    if (/Mac|iPhone|iPad/.test(navigator.userAgent)) setModKey("⌘");
  }, []);

  return (
    <ModalDialog isOpen={isOpen} onClose={onClose} title={t("shortcuts.title")} width="narrow">
      <dl className="mt-4 flex flex-col gap-3 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.id} className="flex items-center justify-between gap-4">
            <dt>{t(shortcut.descriptionKey)}</dt>
            <dd className="flex shrink-0 gap-1">
              {shortcut.keys.map((key) => (
                <kbd key={key} className="border-line bg-sidebar rounded-md border px-1.5 py-0.5 font-sans text-xs">
                  {key === "Mod" ? modKey : key}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 flex justify-end">
        <button type="button" onClick={onClose} className="hover:bg-hover rounded-full px-3.5 py-1.5 text-sm">
          {t("common.close")}
        </button>
      </div>
    </ModalDialog>
  );
}
