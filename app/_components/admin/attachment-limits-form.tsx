"use client";

import { FormField } from "@/app/_components/ui/form-field";
import type { MessageKey } from "@/app/_i18n/messages-en";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ATTACHMENT_LIMIT_CEILINGS, type AttachmentLimits } from "@/lib/limits";
import { SettingForm } from "./setting-form";

const fields = [
  { name: "fileMegabytes", labelKey: "attachments.admin.fileMegabytes" },
  { name: "filesPerMessage", labelKey: "attachments.admin.filesPerMessage" },
  { name: "messageMegabytes", labelKey: "attachments.admin.messageMegabytes" },
  { name: "storageMegabytes", labelKey: "attachments.admin.storageMegabytes" },
] as const satisfies { name: keyof AttachmentLimits; labelKey: MessageKey }[];

const bodyOf = (form: FormData) => Object.fromEntries(fields.map(({ name }) => [name, Number(form.get(name))]));

/** Size per file, files per message, total per message and storage per user: what uploads and sends may take. */
export function AttachmentLimitsForm({ limits }: { limits: AttachmentLimits }) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/attachment-limits" bodyOf={bodyOf} saveLabel={t("attachments.admin.saveLimits")}>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-medium">{t("attachments.admin.limits")}</legend>
        <p className="text-ink-muted text-sm">{t("attachments.admin.limitsDescription")}</p>
        {fields.map(({ name, labelKey }) => (
          <FormField
            key={name}
            label={t(labelKey)}
            name={name}
            type="number"
            min={1}
            max={ATTACHMENT_LIMIT_CEILINGS[name]}
            step={1}
            required
            defaultValue={limits[name]}
          />
        ))}
      </fieldset>
    </SettingForm>
  );
}
