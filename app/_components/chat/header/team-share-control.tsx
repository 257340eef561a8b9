"use client";

import { lazy, Suspense } from "react";
import type { ConversationSharing, TeamSharing } from "@/app/_components/api/types";
import { DialogCloseButton } from "@/app/_components/ui/button";
import { TeamsIcon } from "@/app/_components/ui/icons";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";

function loadShareBody() {
  return import("./team-share-body").then((module) => ({ default: module.ShareBody }));
}

// The dialog's body opens on a click only: kept out of the page's first JavaScript, and fetched as soon as this
// module runs in the browser so that it is there by the first click.
if (typeof window !== "undefined") void loadShareBody();

const ShareBody = lazy(loadShareBody);

export type TeamShareControlProps = {
  conversationId: string;
  sharing: ConversationSharing;
  onTeamChange: (sharing: TeamSharing) => void;
};

const HEADER_BUTTON =
  "flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-ink-muted text-sm hover:bg-hover hover:text-ink";

// "Share" in the conversation header: the owner shares the conversation with one of their teams or stops sharing;
// members see which team it belongs to, and a team owner may take it out of the team. The header opens the dialog,
// from this button or from its "More" menu on phones.
export function TeamShareButton({ sharing, onClick }: { sharing: ConversationSharing; onClick: () => void }) {
  const label = useTeamShareLabel(sharing);
  return (
    <button type="button" aria-haspopup="dialog" title={label} onClick={onClick} className={HEADER_BUTTON}>
      <TeamsIcon width={18} height={18} />
      <span className="hidden max-w-40 truncate xl:inline">{label}</span>
      <span className="sr-only xl:hidden">{label}</span>
    </button>
  );
}

/** Whether the conversation has a team control: its owner may share it, members see its team. */
export function hasTeamShare(sharing: ConversationSharing): boolean {
  return sharing.canShare || sharing.team !== null;
}

export function useTeamShareLabel(sharing: ConversationSharing): string {
  const { t } = useTranslator();
  return sharing.team ? t("teamShare.sharedWith", { team: sharing.team.name }) : t("teamShare.button");
}

type TeamShareDialogProps = TeamShareControlProps & { isOpen: boolean; onClose: () => void };

export function TeamShareDialog({ isOpen, onClose, conversationId, sharing, onTeamChange }: TeamShareDialogProps) {
  const { t } = useTranslator();
  return (
    <ModalDialog isOpen={isOpen} onClose={onClose} title={t("teamShare.title")}>
      <Suspense fallback={<p className="text-ink-muted mt-3 text-sm">{t("common.loading")}</p>}>
        <ShareBody
          conversationId={conversationId}
          sharing={sharing}
          onTeamChange={(change) => {
            onTeamChange(change);
            onClose();
          }}
        />
      </Suspense>
      <DialogCloseButton label={t("common.close")} onClick={onClose} className="mt-4" />
    </ModalDialog>
  );
}
