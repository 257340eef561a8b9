"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SelectField } from "@/app/_components/ui/select-field";
import type { Locale } from "./locales";
import type { MessageKey } from "./messages-en";
import { saveLanguageChoice } from "./save-language-choice";
import { useTranslator } from "./translator-provider";

export type LanguageChoice = Locale | "system";

const CHOICES: { value: LanguageChoice; labelKey: MessageKey | null; nativeName?: string }[] = [
  { value: "system", labelKey: "language.system" },
  { value: "en", labelKey: null, nativeName: "English" },
  { value: "zh-CN", labelKey: null, nativeName: "简体中文" },
];

// Languages are named in their own words so a user who cannot read the current language still finds theirs.
export function LanguagePicker({ choice }: { choice: LanguageChoice }) {
  const { t } = useTranslator();
  const router = useRouter();
  const [selected, setSelected] = useState(choice);

  async function choose(next: LanguageChoice): Promise<void> {
    setSelected(next);
    await saveLanguageChoice(next);
    router.refresh();
  }

  return (
    <SelectField
      label={t("language.label")}
      look="inline"
      value={selected}
      onChange={(event) => void choose(event.target.value as LanguageChoice)}
    >
      {CHOICES.map((option) => (
        <option key={option.value} value={option.value} lang={option.value === "system" ? undefined : option.value}>
          {option.labelKey ? t(option.labelKey) : option.nativeName}
        </option>
      ))}
    </SelectField>
  );
}
