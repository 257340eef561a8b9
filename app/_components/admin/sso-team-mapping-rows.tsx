"use client";

import { useTranslator } from "@/app/_i18n/translator-provider";

export type TeamMappingRow = { group: string; teamId: string; role: "OWNER" | "EDITOR" | "VIEWER" };
type TeamOption = { id: string; name: string };

const ROLES = ["VIEWER", "EDITOR", "OWNER"] as const;
const inputClass = "border-line bg-canvas rounded-lg border px-2 py-1.5 text-sm";

type TeamMappingRowsProps = { teams: TeamOption[]; rows: TeamMappingRow[]; onChange: (rows: TeamMappingRow[]) => void };

/** Claim mapping: "members of this group join this team with this role", one row each, applied at every sign-in. */
export function TeamMappingRows({ teams, rows, onChange }: TeamMappingRowsProps) {
  const { t } = useTranslator();
  const update = (index: number, change: Partial<TeamMappingRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const add = () => onChange([...rows, { group: "", teamId: teams[0]?.id ?? "", role: "VIEWER" }]);
  return (
    <fieldset className="flex flex-col gap-2 text-sm">
      <legend className="mb-1 font-medium">{t("admin.sso.teamMappings")}</legend>
      <p className="text-ink-muted">{t("admin.sso.teamMappingsHint")}</p>
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place.
        <div key={index} className="flex flex-wrap items-center gap-2">
          <input
            aria-label={t("admin.sso.mappingGroup", { row: index + 1 })}
            value={row.group}
            onChange={(event) => update(index, { group: event.target.value })}
            className={inputClass}
          />
          <select
            aria-label={t("admin.sso.mappingTeam", { row: index + 1 })}
            value={row.teamId}
            onChange={(event) => update(index, { teamId: event.target.value })}
            className={inputClass}
          >
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t("admin.sso.mappingRole", { row: index + 1 })}
            value={row.role}
            onChange={(event) => update(index, { role: event.target.value as TeamMappingRow["role"] })}
            className={inputClass}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`teams.role.${role}`)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onChange(rows.filter((_, at) => at !== index))} className="underline">
            {t("admin.sso.mappingRemove", { row: index + 1 })}
          </button>
        </div>
      ))}
      {teams.length === 0 ? (
        <p className="text-ink-muted">{t("admin.sso.noTeams")}</p>
      ) : (
        <button
          type="button"
          onClick={add}
          className="border-line hover:bg-hover self-start rounded-lg border px-2.5 py-1"
        >
          {t("admin.sso.mappingAdd")}
        </button>
      )}
    </fieldset>
  );
}
