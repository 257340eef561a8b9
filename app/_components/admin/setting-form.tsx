"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { useMutation } from "@/app/_components/api/use-mutation";
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
 * An admin console setting saved by its own small form; "Saved" shows beside the button until the next submit. A
 * submit the browser's own checks stop (a field out of its range) clears what the last one said, saved or refused:
 * it no longer describes the form.
 */
export function SettingForm({ url, bodyOf, saveLabel, children }: SettingFormProps) {
  const { t } = useTranslator();
  const { run, error, isPending, clearError } = useMutation();
  const [isSaved, setIsSaved] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setIsSaved(false);
    const result = await run({ url, method: "PUT", body: bodyOf(new FormData(event.currentTarget)) });
    setIsSaved(result !== null);
  }

  return (
    <form
      onSubmit={(event) => void save(event)}
      onInvalidCapture={() => {
        clearError();
        setIsSaved(false);
      }}
      className="flex flex-col gap-3"
    >
      <FormAlert message={error} />
      {children}
      <SaveButton label={saveLabel} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
    </form>
  );
}
