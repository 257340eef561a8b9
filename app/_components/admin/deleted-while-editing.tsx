"use client";

import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { ActionButton } from "@/app/_components/ui/action-button";
import type { MessageKey } from "@/app/_i18n/messages-en";
import { useTranslator } from "@/app/_i18n/translator-provider";

// A stale edit form whose row another admin deleted meanwhile leaves the page with its card when its Reload
// refreshes the list (use-loaded-version.ts): the list says why where the form was, instead of the form and the
// admin's typing vanishing without a word, and the focus (on Reload, which left too) goes back to the list.
const ReportDeletedContext = createContext<(message: MessageKey) => void>(() => {});

export function DeletedWhileEditingNotice({ children }: { children: ReactNode }) {
  const { t } = useTranslator();
  const [message, setMessage] = useState<MessageKey | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  function backToList(): void {
    setMessage(null);
    listRef.current?.focus();
  }

  return (
    <ReportDeletedContext.Provider value={setMessage}>
      {message ? (
        <div className="border-danger/30 bg-danger/5 flex flex-wrap items-center gap-3 rounded-xl border px-4 py-2">
          <p role="alert" className="text-danger flex-1 text-sm">
            {t(message)}
          </p>
          <ActionButton onClick={backToList}>{t("admin.form.backToList")}</ActionButton>
        </div>
      ) : null}
      <div ref={listRef} tabIndex={-1} className="focus-visible:outline-none">
        {children}
      </div>
    </ReportDeletedContext.Provider>
  );
}

/** Says `message` above the list when the form leaves while `isReloading`: its row is gone from the list. */
export function useReportDeletedOnLeave(isReloading: boolean, message: MessageKey): void {
  const report = useContext(ReportDeletedContext);
  const leaveRef = useRef(() => {});
  leaveRef.current = () => {
    if (isReloading) report(message);
  };
  useEffect(() => () => leaveRef.current(), []);
}
