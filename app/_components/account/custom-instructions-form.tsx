"use client";

import { type FormEvent, useRef, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { TextAreaField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_CUSTOM_INSTRUCTIONS_LENGTH } from "@/lib/limits";
import { CARD } from "./profile-form";

// What the model should know about the person and how to answer: sent after the admin's prompt on each of their
// own turns, never on a team member's.
export function CustomInstructionsForm({ instructions }: { instructions: string }) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome({ refreshesPage: false });
  // Not cut at the limit (a paste over it would lose its end unseen): kept whole, counted, and not sent while over.
  const [text, setText] = useState(instructions);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const isTooLong = text.length > MAX_CUSTOM_INSTRUCTIONS_LENGTH;

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isTooLong) {
      textareaRef.current?.focus();
      return;
    }
    await save({ url: "/api/account/instructions", method: "PUT", body: { customInstructions: text } });
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={CARD}>
      <h3 className="font-medium">{t("accountSettings.instructions")}</h3>
      <TextAreaField
        label={t("accountSettings.instructionsLabel")}
        hint={t("accountSettings.instructionsHint")}
        name="customInstructions"
        rows={5}
        ref={textareaRef}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={
          isTooLong
            ? t("accountSettings.instructionsTooLong", { length: text.length, max: MAX_CUSTOM_INSTRUCTIONS_LENGTH })
            : undefined
        }
      />
      <InlineAlert message={error} />
      <SaveButton label={t("common.save")} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
    </form>
  );
}
