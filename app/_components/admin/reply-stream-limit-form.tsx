"use client";

import { type FormEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { FormAlert } from "../form-alert";
import { FormField } from "../form-field";
import { SaveButton } from "../submit-button";
import { useAdminAction } from "./use-admin-action";

// How many replies one user may stream at once, beside the other account-wide settings.
export function ReplyStreamLimitForm({ limit, max }: { limit: number; max: number }) {
  const { t } = useTranslator();
  const { run, error, isPending } = useAdminAction();
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const value = Number(new FormData(event.currentTarget).get("limit"));
    const result = await run({ url: "/api/admin/reply-streams", method: "PUT", body: { limit: value } });
    setSaved(result !== null);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
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
        isSaved={saved}
        savedLabel={t("admin.saved")}
      />
    </form>
  );
}
