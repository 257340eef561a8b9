"use client";

import { createContext, type FormEvent, type ReactNode, useContext, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import type { MutationRequest } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { StaleReloadButton } from "./stale-reload-button";
import type { LoadedVersionReload } from "./use-loaded-version";

type AdminFormProps = {
  /** The request the submitted form makes (add with POST, edit with PATCH). */
  requestOf: (form: FormData) => MutationRequest;
  submitLabel: string;
  /** Called once saved; when given, the form edits something in place and has Cancel too. */
  onDone?: () => void;
  /**
   * For a form that edits something versioned: refused as stale (changed by someone else since it was loaded), the
   * form keeps what was typed and offers this, which loads what is saved now in place of it.
   */
  reload?: LoadedVersionReload;
  children: ReactNode;
};

type FieldError = { name: string; message: string };

const FieldErrorContext = createContext<FieldError | null>(null);

/** The message to show under the field `name`, when the last submit stopped at it. */
export function useFieldError(name: string): string | undefined {
  const fieldError = useContext(FieldErrorContext);
  return fieldError?.name === name ? fieldError.message : undefined;
}

/**
 * A number field holding something outside its min and max, or no number at all, with what to enter instead. Steps
 * are not checked: they only pace the arrows, and the server takes a temperature of 0.73.
 */
function findOutOfRange(form: HTMLFormElement, t: Translator["t"]): FieldError | null {
  for (const element of form.elements) {
    // A hidden field keeps a saved value as it was (the sampling settings of a model that sends none).
    if (!(element instanceof HTMLInputElement) || element.type !== "number" || element.closest("[hidden]")) continue;
    const { validity, name, min, max } = element;
    if (validity.badInput) return { name, message: t("admin.form.notANumber") };
    if (!validity.rangeUnderflow && !validity.rangeOverflow) continue;
    const range = { min: Number(min), max: Number(max) };
    return { name, message: max === "" ? t("admin.form.atLeast", range) : t("admin.form.range", range) };
  }
  return null;
}

// An admin form that adds or edits a provider or a model. Once saved it starts afresh (its fields remount), so
// that the next one can be added. A number out of its field's range is said under that field, which gets the
// focus, and nothing is sent (the last refusal goes: it was about the form as it was); the server's refusals show
// above the fields until a field changes.
export function AdminForm({ requestOf, submitLabel, onDone, reload, children }: AdminFormProps) {
  const { t } = useTranslator();
  const { run, error, errorCode, isPending, clearOutcome, formProps } = useFormOutcome();
  const [formKey, setFormKey] = useState(0);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const outOfRange = findOutOfRange(form, t);
    setFieldError(outOfRange);
    if (outOfRange) {
      clearOutcome();
      (form.elements.namedItem(outOfRange.name) as HTMLInputElement | null)?.focus();
      return;
    }
    if ((await run(requestOf(new FormData(form)))) === null) return;
    setFormKey((key) => key + 1);
    onDone?.();
  }

  function clearFieldError(event: FormEvent<HTMLFormElement>): void {
    if (fieldError && (event.target as HTMLInputElement).name === fieldError.name) setFieldError(null);
  }

  return (
    <form
      key={formKey}
      onSubmit={(event) => void handleSubmit(event)}
      onInput={clearFieldError}
      onChange={formProps.onChange}
      noValidate
      className="flex flex-col gap-4"
    >
      <FormAlert message={error} />
      <StaleReloadButton reload={reload} errorCode={errorCode} />
      <FieldErrorContext.Provider value={fieldError}>{children}</FieldErrorContext.Provider>
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
