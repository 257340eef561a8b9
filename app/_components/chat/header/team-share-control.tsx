"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ConversationSharing, TeamRef, TeamSharing } from "@/app/_components/api/types";
import { fetchTeamChoices, setConversationTeam } from "@/app/_components/chat/chat-requests";
import { TeamsIcon } from "@/app/_components/ui/icons";
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
      <div className="mt-4 flex justify-end">
        <button type="button" onClick={onClose} className="hover:bg-hover rounded-lg px-3 py-1.5 text-sm">
          {t("common.close")}
        </button>
      </div>
    </ModalDialog>
  );
}

function ShareBody({ conversationId, sharing, onTeamChange }: TeamShareControlProps) {
  const translator = useTranslator();
  const { t } = translator;
  const [choices, setChoices] = useState<TeamRef[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const selectId = useId();
  const isChoosing = sharing.canShare && !sharing.team;

  useEffect(() => {
    if (!isChoosing) return;
    let isCurrent = true;
    void fetchTeamChoices(conversationId).then((result) => {
      if (!isCurrent) return;
      if (result.isOk) setChoices(result.data.teams);
      else setError(describeError(result.error, translator));
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, isChoosing, translator]);

  async function save(teamId: string | null): Promise<void> {
    setIsSaving(true);
    setError(null);
    const result = await setConversationTeam(conversationId, teamId);
    setIsSaving(false);
    if (result.isOk) onTeamChange(result.data);
    else setError(describeError(result.error, translator));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const teamId = String(new FormData(event.currentTarget).get("teamId") ?? "");
    if (teamId) void save(teamId);
  }

  const alert = error ? (
    <p role="alert" className="text-danger mt-3 text-sm">
      {error}
    </p>
  ) : null;

  if (sharing.team) {
    return (
      <div className="mt-3 flex flex-col gap-3 text-sm">
        <p>{t("teamShare.sharedExplained", { team: sharing.team.name })}</p>
        {sharing.ownerName && sharing.access !== "own" ? (
          <p className="text-ink-muted">{t("teamShare.ownedBy", { name: sharing.ownerName })}</p>
        ) : null}
        {alert}
        {sharing.canStopSharing ? (
          <button
            type="button"
            disabled={isSaving}
            onClick={() => void save(null)}
            className="border-line hover:bg-hover self-start rounded-lg border px-3 py-1.5 disabled:opacity-50"
          >
            {t("teamShare.stop")}
          </button>
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
      <button
        type="submit"
        disabled={isSaving}
        className="bg-ink text-canvas self-start rounded-full px-4 py-2 font-medium hover:opacity-90 disabled:opacity-50"
      >
        {t("teamShare.share")}
      </button>
    </form>
  );
}
