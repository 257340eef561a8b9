"use client";

import type { FormEvent, ReactNode } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

type SettingFormProps = {
  url: string;
  /** The body PUT to `url`, read from the submitted form. */
  bodyOf: (form: FormData) => unknown;
  saveLabel: string;
  children: ReactNode;
};

/**
 * An admin console setting saved by its own small form; "Saved" shows beside the button until a field changes or
 * the next submit (useFormOutcome).
 */
export function SettingForm({ url, bodyOf, saveLabel, children }: SettingFormProps) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome();

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await save({ url, method: "PUT", body: bodyOf(new FormData(event.currentTarget)) });
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="flex flex-col gap-3">
      <FormAlert message={error} />
      {children}
      <SaveButton label={saveLabel} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
    </form>
  );
}
