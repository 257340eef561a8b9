"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { useTranslator } from "@/app/_i18n/translator-provider";

// Whether the link's visitors may open the conversation's files (by default images yes, documents by name only).
export function ShareFileChoices() {
  const { t } = useTranslator();
  return (
    <div className="flex flex-col gap-1">
      <ChoiceField type="checkbox" name="includesImages" defaultChecked>
        {t("attachments.shareImages")}
      </ChoiceField>
      <ChoiceField type="checkbox" name="includesDocuments">
        {t("attachments.shareDocuments")}
      </ChoiceField>
    </div>
  );
}

/** The form's choices as the API takes them. */
export function readShareFileChoices(form: FormData) {
  return {
    includesImages: form.get("includesImages") === "on",
    includesDocuments: form.get("includesDocuments") === "on",
  };
}
