"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
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
  const selectId = useId();

  async function choose(next: LanguageChoice): Promise<void> {
    setSelected(next);
    await saveLanguageChoice(next);
    router.refresh();
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={selectId} className="text-ink-muted">
        {t("language.label")}
      </label>
      <select
        id={selectId}
        value={selected}
        onChange={(event) => void choose(event.target.value as LanguageChoice)}
        className="border-line bg-canvas text-ink rounded-lg border px-2 py-1"
      >
        {CHOICES.map((option) => (
          <option key={option.value} value={option.value} lang={option.value === "system" ? undefined : option.value}>
            {option.labelKey ? t(option.labelKey) : option.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
