"use client";

import { lazy, Suspense } from "react";
import type { ConversationDetails } from "@/app/_components/api/types";
import { DialogCloseButton, IconLabelButton } from "@/app/_components/ui/button";
import { SlidersIcon } from "@/app/_components/ui/icons";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";

function loadSettingsBody() {
  return import("./conversation-settings-body").then((module) => ({ default: module.SettingsBody }));
}

// The dialog's body (the prompt, the temperature form and its figures) opens on a click only: kept out of the page's first
// JavaScript, and fetched as soon as this module runs in the browser so that it is there by the first click.
if (typeof window !== "undefined") void loadSettingsBody();

const SettingsBody = lazy(loadSettingsBody);

type ConversationSettingsProps = {
  details: ConversationDetails;
  onSaved: (details: ConversationDetails) => void;
};

/** Opens the conversation's settings; the header holds the dialog, also opened from its "More" menu on phones. */
export function ConversationSettingsButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslator();
  return (
    <IconLabelButton
      icon={<SlidersIcon width={18} height={18} />}
      label={t("conversationSettings.title")}
      shortLabel={t("conversationSettings.button")}
      onClick={onClick}
      opensDialog
    />
  );
}

type ConversationSettingsDialogProps = ConversationSettingsProps & { isOpen: boolean; onClose: () => void };

// The conversation's own system prompt and the model's parameters for it, in a modal dialog.
export function ConversationSettingsDialog({ isOpen, onClose, details, onSaved }: ConversationSettingsDialogProps) {
  const { t } = useTranslator();
  return (
    <ModalDialog isOpen={isOpen} onClose={onClose} title={t("conversationSettings.title")}>
      <Suspense
        fallback={
          <>
            <p role="status" className="text-ink-muted mt-4 text-sm">
              {t("conversationSettings.loading")}
            </p>
            <DialogCloseButton label={t("common.close")} onClick={onClose} className="mt-4" />
          </>
        }
      >
        <SettingsBody details={details} onSaved={onSaved} onClose={onClose} />
      </Suspense>
    </ModalDialog>
  );
}
