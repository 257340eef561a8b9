"use client";

import type { FormEvent } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { TextAreaField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useLimitedText } from "@/app/_components/ui/use-limited-text";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_CUSTOM_INSTRUCTIONS_LENGTH } from "@/lib/limits";
import { CARD } from "./profile-form";

// What the model should know about the person and how to answer: sent after the admin's prompt on each of their
// own turns, never on a team member's.
export function CustomInstructionsForm({ instructions }: { instructions: string }) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome({ refreshesPage: false });
  const { text, setText, fieldRef, tooLong, isSendable } = useLimitedText(instructions, MAX_CUSTOM_INSTRUCTIONS_LENGTH);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!isSendable()) return;
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
        ref={fieldRef}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={tooLong ? t("accountSettings.instructionsTooLong", tooLong) : undefined}
      />
      <InlineAlert message={error} />
      <SaveButton label={t("common.save")} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
    </form>
  );
}
