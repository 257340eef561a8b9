"use client";

import type { FormEvent, ReactNode } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { type ConfirmRequest, useConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

type SettingFormProps = {
  url: string;
  /** The body PUT to `url`, read from the submitted form. */
  bodyOf: (form: FormData) => unknown;
  /** What to ask before saving this form's values, in the confirmation dialog; null saves at once. */
  questionOf?: (form: FormData) => ConfirmRequest | null;
  saveLabel: string;
  children: ReactNode;
};

/**
 * An admin console setting saved by its own small form; "Saved" shows beside the button until a field changes or
 * the next submit (useFormOutcome).
 */
export function SettingForm({ url, bodyOf, questionOf, saveLabel, children }: SettingFormProps) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome();
  const { confirm, dialog } = useConfirmDialog();

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const question = questionOf?.(form);
    if (question && !(await confirm(question))) return;
    await save({ url, method: "PUT", body: bodyOf(form) });
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="flex flex-col gap-3">
      <FormAlert message={error} />
      {children}
      <SaveButton label={saveLabel} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
      {dialog}
    </form>
  );
}
