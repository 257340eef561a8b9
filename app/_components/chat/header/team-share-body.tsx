"use client";

import { type FormEvent, useId } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { useResource } from "@/app/_components/api/use-resource";
import { fetchTeamChoices, setConversationTeam } from "@/app/_components/chat/chat-requests";
import { Button } from "@/app/_components/ui/button";
import { useConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { TeamShareControlProps } from "./team-share-control";

export function ShareBody({ conversationId, sharing, onTeamChange }: TeamShareControlProps) {
  const { t } = useTranslator();
  const selectId = useId();
  const isChoosing = sharing.canShare && !sharing.team;
  const teamChoices = useResource(isChoosing ? conversationId : null, () => fetchTeamChoices(conversationId));
  const choices = teamChoices.data?.teams ?? null;
  const { send, error: saveError, isPending: isSaving, formProps } = useFormOutcome({ refreshesPage: false });
  const error = saveError ?? teamChoices.error;
  const { confirm, dialog } = useConfirmDialog();

  async function save(teamId: string | null): Promise<void> {
    const saved = await send(() => setConversationTeam(conversationId, teamId));
    if (saved) onTeamChange(saved);
  }

  // The team's members lose the conversation at once, their open pages included; a team's owner who is not its
  // owner cannot share it back.
  async function stopSharing(team: string): Promise<void> {
    const isConfirmed = await confirm({
      title: t("teamShare.confirmStopTitle"),
      message: t(sharing.access === "own" ? "teamShare.confirmStop" : "teamShare.confirmStopNotOwner", { team }),
      confirmLabel: t("teamShare.stop"),
    });
    if (isConfirmed) await save(null);
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
          <Button
            variant="bordered"
            isPending={isSaving}
            onClick={() => void stopSharing(sharing.team?.name ?? "")}
            className="self-start"
          >
            {t("teamShare.stop")}
          </Button>
        ) : null}
        {dialog}
      </div>
    );
  }

  if (choices === null) {
    return alert ?? <p className="text-ink-muted mt-3 text-sm">{t("common.loading")}</p>;
  }
  if (choices.length === 0) return <p className="text-ink-muted mt-3 text-sm">{t("teamShare.noTeams")}</p>;
  return (
    <form onSubmit={handleSubmit} {...formProps} className="mt-3 flex flex-col gap-3 text-sm">
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
      <Button variant="primary" type="submit" isPending={isSaving} className="self-start">
        {t("teamShare.share")}
      </Button>
    </form>
  );
}
