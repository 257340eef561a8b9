"use client";

import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { useSettingForm } from "./use-setting-form";

// How many replies one user may stream at once, beside the other account-wide settings.
export function ReplyStreamLimitForm({ limit, max }: { limit: number; max: number }) {
  const { t } = useTranslator();
  const { onSubmit, error, isPending, isSaved } = useSettingForm("/api/admin/reply-streams", (form) => ({
    limit: Number(form.get("limit")),
  }));

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormAlert message={error} />
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
      <SaveButton
        label={t("admin.replyStreams.save")}
        isPending={isPending}
        isSaved={isSaved}
        savedLabel={t("admin.saved")}
      />
    </form>
  );
}
