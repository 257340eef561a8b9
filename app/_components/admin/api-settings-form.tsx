"use client";

import { FormField } from "@/app/_components/ui/form-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_API_REQUESTS_PER_MINUTE } from "@/lib/limits";
import { SettingForm } from "./setting-form";

const bodyOf = (form: FormData) => ({
  access: String(form.get("access")),
  requestsPerMinute: Number(form.get("requestsPerMinute")),
});

/** Who may use the /v1 API, and its request rate per key and per user. */
export function ApiSettingsForm({ access, requestsPerMinute }: { access: string; requestsPerMinute: number }) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/api-access" bodyOf={bodyOf} saveLabel={t("admin.api.save")}>
      <SelectField label={t("admin.api.access")} name="access" defaultValue={access}>
        <option value="off">{t("admin.api.accessOff")}</option>
        <option value="admins">{t("admin.api.accessAdmins")}</option>
        <option value="everyone">{t("admin.api.accessEveryone")}</option>
      </SelectField>
      <FormField
        label={t("admin.api.rate")}
        name="requestsPerMinute"
        type="number"
        min={1}
        max={MAX_API_REQUESTS_PER_MINUTE}
        step={1}
        required
        defaultValue={requestsPerMinute}
      />
    </SettingForm>
  );
}
