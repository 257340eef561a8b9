"use client";

import { useEffect, useState } from "react";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { applyThemePreference, readThemePreference, THEME_PREFERENCES, type ThemePreference } from "./theme";

const LABEL_KEYS = { system: "theme.system", light: "theme.light", dark: "theme.dark" } as const;

export function ThemePicker() {
  const { t } = useTranslator();
  const [preference, setPreference] = useState<ThemePreference>("system");

  // Read after mounting: the server cannot know this browser's choice, and the first render must match its HTML.
  useEffect(() => setPreference(readThemePreference()), []);

  function choose(next: ThemePreference): void {
    setPreference(next);
    applyThemePreference(next);
  }

  return (
    <SelectField
      label={t("theme.label")}
      look="inline"
      value={preference}
      onChange={(event) => choose(event.target.value as ThemePreference)}
    >
      {THEME_PREFERENCES.map((option) => (
        <option key={option} value={option}>
          {t(LABEL_KEYS[option])}
        </option>
      ))}
    </SelectField>
  );
}
