"use client";

import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { SettingForm } from "./setting-form";

const bodyOf = (form: FormData) => ({ limit: Number(form.get("limit")) });

// How many replies one user may stream at once, beside the other account-wide settings.
export function ReplyStreamLimitForm({ limit, max }: { limit: number; max: number }) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/reply-streams" bodyOf={bodyOf} saveLabel={t("admin.replyStreams.save")}>
      <FormField
        label={t("admin.replyStreams.label")}
        hint={t("admin.replyStreams.description")}
        name="limit"
        type="number"
        min={1}
        max={max}
        step={1}
        required
        defaultValue={limit}
      />
    </SettingForm>
  );
}
