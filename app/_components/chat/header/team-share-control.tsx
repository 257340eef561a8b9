"use client";

import { type FormEvent, useId } from "react";
import type { ConversationSharing, TeamSharing } from "@/app/_components/api/types";
import { useMutation } from "@/app/_components/api/use-mutation";
import { useResource } from "@/app/_components/api/use-resource";
import { fetchTeamChoices, setConversationTeam } from "@/app/_components/chat/chat-requests";
import { Button, DialogCloseButton } from "@/app/_components/ui/button";
import { TeamsIcon } from "@/app/_components/ui/icons";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";

type TeamShareControlProps = {
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
      <ShareBody
        conversationId={conversationId}
        sharing={sharing}
        onTeamChange={(change) => {
          onTeamChange(change);
          onClose();
        }}
      />
      <DialogCloseButton label={t("common.close")} onClick={onClose} className="mt-4" />
    </ModalDialog>
  );
}

function ShareBody({ conversationId, sharing, onTeamChange }: TeamShareControlProps) {
  const { t } = useTranslator();
  const selectId = useId();
  const isChoosing = sharing.canShare && !sharing.team;
  const teamChoices = useResource(isChoosing ? conversationId : null, () => fetchTeamChoices(conversationId));
  const choices = teamChoices.data?.teams ?? null;
  const { send, error: saveError, isPending: isSaving } = useMutation({ refreshesPage: false });
  const error = saveError ?? teamChoices.error;

  async function save(teamId: string | null): Promise<void> {
    const saved = await send(() => setConversationTeam(conversationId, teamId));
    if (saved) onTeamChange(saved);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const teamId = String(new FormData(event.currentTarget).get("teamId") ?? "");
    if (teamId) void save(teamId);
  }

  const alert = error ? <InlineAlert message={error} className="mt-3" /> : null;

  if (sharing.team) {
    return (
      <div className="mt-3 flex flex-col gap-3 text-sm">
        <p>{t("teamShare.sharedExplained", { team: sharing.team.name })}</p>
        {sharing.ownerName && sharing.access !== "own" ? (
          <p className="text-ink-muted">{t("teamShare.ownedBy", { name: sharing.ownerName })}</p>
        ) : null}
        {alert}
        {sharing.canStopSharing ? (
          <Button variant="bordered" disabled={isSaving} onClick={() => void save(null)} className="self-start">
            {t("teamShare.stop")}
          </Button>
        ) : null}
      </div>
    );
  }

  if (choices === null) {
    return alert ?? <p className="text-ink-muted mt-3 text-sm">{t("common.loading")}</p>;
  }
  if (choices.length === 0) return <p className="text-ink-muted mt-3 text-sm">{t("teamShare.noTeams")}</p>;
  return (
    <form onSubmit={handleSubmit} className="mt-3 flex flex-col gap-3 text-sm">
      <p className="text-ink-muted">{t("teamShare.explained")}</p>
      <label htmlFor={selectId} className="font-medium">
        {t("teamShare.team")}
      </label>
      <select id={selectId} name="teamId" className="border-line bg-canvas rounded-xl border px-3.5 py-2.5">
        {choices.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      {alert}
      <Button variant="primary" type="submit" disabled={isSaving} className="self-start">
        {t("teamShare.share")}
      </Button>
    </form>
  );
}
