"use client";

import { useId, useState } from "react";
import { ChoiceField } from "@/app/_components/ui/choice-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminTeam } from "./admin-types";

const CHOICES = [
  { value: "everyone", isEveryone: true, labelKey: "admin.model.everyone" },
  { value: "teams", isEveryone: false, labelKey: "admin.model.onlyTeams" },
] as const;

type ModelVisibilityFieldProps = { teams: AdminTeam[]; visibleToEveryone: boolean; teamIds: string[] };

// "Visible to everyone" or "only these teams" (the form reads `visibility` and every checked `teamIds`).
export function ModelVisibilityField({ teams, visibleToEveryone, teamIds }: ModelVisibilityFieldProps) {
  const { t } = useTranslator();
  const [isEveryone, setIsEveryone] = useState(visibleToEveryone);
  const teamsId = useId();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{t("admin.model.visibility")}</legend>
      {CHOICES.map((choice) => (
        <ChoiceField
          key={choice.value}
          type="radio"
          name="visibility"
          value={choice.value}
          checked={isEveryone === choice.isEveryone}
          onChange={() => setIsEveryone(choice.isEveryone)}
          aria-controls={choice.isEveryone ? undefined : teamsId}
        >
          {t(choice.labelKey)}
        </ChoiceField>
      ))}
      <div id={teamsId} hidden={isEveryone} className="ml-6 flex flex-col gap-1.5">
        {teams.length === 0 ? <p className="text-ink-muted text-xs">{t("admin.model.noTeams")}</p> : null}
        {teams.map((team) => (
          <ChoiceField
            key={team.id}
            type="checkbox"
            name="teamIds"
            value={team.id}
            defaultChecked={teamIds.includes(team.id)}
          >
            {team.name}
            <span className="text-ink-muted text-xs">{t("admin.model.teamMembers", { count: team.memberCount })}</span>
          </ChoiceField>
        ))}
      </div>
    </fieldset>
  );
}
