"use client";

import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

type FormActionsProps = { submitLabel: string; isPending: boolean; onCancel?: () => void };

// The submit button of an admin form, and Cancel when the form edits something in place.
export function FormActions({ submitLabel, isPending, onCancel }: FormActionsProps) {
  const { t } = useTranslator();
  return (
    <div className="flex gap-2">
      <SubmitButton label={submitLabel} isPending={isPending} />
      {onCancel ? (
        <button type="button" onClick={onCancel} className="hover:bg-hover mt-2 rounded-xl px-4 py-2.5 text-sm">
          {t("common.cancel")}
        </button>
      ) : null}
    </div>
  );
}
