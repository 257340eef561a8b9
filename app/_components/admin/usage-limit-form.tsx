"use client";

import { FormField } from "@/app/_components/ui/form-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_MONTHLY_COST_DOLLARS, MAX_TOKEN_LIMIT } from "@/lib/limits";
import { SettingForm } from "./setting-form";

export type LimitValues = { tokensPerDay: number | null; tokensPerMonth: number | null; costPerMonth: number | null };
type Target = "default" | "user" | "team";

const numberOrNull = (value: FormDataEntryValue | null) => (value === null || value === "" ? null : Number(value));

function bodyOf(target: Target) {
  return (form: FormData) => ({
    target:
      target === "default"
        ? { default: true }
        : target === "user"
          ? { email: String(form.get("email") ?? "") }
          : { teamId: String(form.get("teamId") ?? "") },
    tokensPerDay: numberOrNull(form.get("tokensPerDay")),
    tokensPerMonth: numberOrNull(form.get("tokensPerMonth")),
    costPerMonth: numberOrNull(form.get("costPerMonth")),
  });
}

type UsageLimitFormProps = { target: Target; values?: LimitValues | null; teams?: { id: string; name: string }[] };

/** The limits of everyone by default, of one user (by email) or of one team; an empty field is no limit. */
export function UsageLimitForm({ target, values, teams = [] }: UsageLimitFormProps) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/usage-limits" bodyOf={bodyOf(target)} saveLabel={t("admin.limits.save")}>
      {target === "user" && <FormField label={t("admin.limits.email")} name="email" type="email" required />}
      {target === "team" && (
        <SelectField label={t("admin.limits.teamName")} name="teamId" required>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField
          label={t("admin.limits.tokensPerDay")}
          name="tokensPerDay"
          type="number"
          min={1}
          max={MAX_TOKEN_LIMIT}
          step={1}
          defaultValue={values?.tokensPerDay ?? ""}
        />
        <FormField
          label={t("admin.limits.tokensPerMonth")}
          name="tokensPerMonth"
          type="number"
          min={1}
          max={MAX_TOKEN_LIMIT}
          step={1}
          defaultValue={values?.tokensPerMonth ?? ""}
        />
        <FormField
          label={t("admin.limits.costPerMonth")}
          name="costPerMonth"
          type="number"
          min={0}
          max={MAX_MONTHLY_COST_DOLLARS}
          step={0.01}
          defaultValue={values?.costPerMonth ?? ""}
        />
      </div>
    </SettingForm>
  );
}
