"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { type MutationRequest, useMutation } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

type AdminFormProps = {
  /** The request the submitted form makes (add with POST, edit with PATCH). */
  requestOf: (form: FormData) => MutationRequest;
  submitLabel: string;
  /** Called once saved; when given, the form edits something in place and has Cancel too. */
  onDone?: () => void;
  children: ReactNode;
};

// An admin form that adds or edits a provider or a model. Once saved it starts afresh (its fields remount), so
// that the next one can be added.
export function AdminForm({ requestOf, submitLabel, onDone, children }: AdminFormProps) {
  const { t } = useTranslator();
  const { run, error, isPending } = useMutation();
  const [formKey, setFormKey] = useState(0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if ((await run(requestOf(new FormData(event.currentTarget)))) === null) return;
    setFormKey((key) => key + 1);
    onDone?.();
  }

  return (
    <form key={formKey} onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      {children}
      <div className="flex gap-2">
        <SubmitButton label={submitLabel} isPending={isPending} />
        {onDone ? (
          <button type="button" onClick={onDone} className="hover:bg-hover mt-2 rounded-xl px-4 py-2.5 text-sm">
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
