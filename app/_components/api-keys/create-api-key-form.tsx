"use client";

import { type FormEvent, useState } from "react";
import { z } from "zod";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ApiKeyRow, keyStatus } from "./api-key-types";

const createdSchema = z.object({ secret: z.string(), key: z.object({ id: z.string() }) });
const EXPIRY_DAYS = [30, 90, 365] as const;

/**
 * Names a new key and its expiry; the secret is shown here once, with a copy button, and never again: gone too once
 * the key is revoked (`keys`, the list below).
 */
export function CreateApiKeyForm({ keys }: { keys: ApiKeyRow[] }) {
  const { t } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const createdRow = created && keys.find((key) => key.id === created.id);
  // Shown until the list has the key (it follows the creation), and while it is active.
  const secret = created && (!createdRow || keyStatus(createdRow) === "active") ? created.secret : null;

  async function create(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const days = Number(form.get("expiresInDays"));
    const body = { name: String(form.get("name") ?? ""), expiresInDays: days > 0 ? days : null };
    const created = await run({ url: "/api/account/api-keys", method: "POST", body }, createdSchema);
    if (!created) return;
    setCreated({ id: created.key.id, secret: created.secret });
    // Emptied for the next key: pressing Enter again would otherwise make a second key of the same name.
    formElement.reset();
  }

  return (
    <form onSubmit={(event) => void create(event)} {...formProps} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <FormField label={t("apiKeys.name")} name="name" required maxLength={80} autoComplete="off" />
      <SelectField label={t("apiKeys.expiry")} name="expiresInDays" defaultValue="90">
        <option value="0">{t("apiKeys.never")}</option>
        {EXPIRY_DAYS.map((days) => (
          <option key={days} value={days}>
            {t("apiKeys.days", { count: days })}
          </option>
        ))}
      </SelectField>
      <SubmitButton label={t("apiKeys.create")} isPending={isPending} />
      {secret && (
        <div className="border-line bg-sidebar flex flex-col gap-2 rounded-xl border p-3" role="status">
          <p className="text-sm font-medium">{t("apiKeys.created")}</p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 text-sm break-all" data-testid="new-api-key">
              {secret}
            </code>
            <CopyButton
              text={secret}
              label={t("apiKeys.copy")}
              className="border-line hover:bg-hover rounded-lg border p-2"
            />
          </div>
        </div>
      )}
    </form>
  );
}
