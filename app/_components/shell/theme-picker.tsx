"use client";

import { useEffect, useId, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { applyThemePreference, readThemePreference, THEME_PREFERENCES, type ThemePreference } from "./theme";

const LABEL_KEYS = { system: "theme.system", light: "theme.light", dark: "theme.dark" } as const;

export function ThemePicker() {
  const { t } = useTranslator();
  const [preference, setPreference] = useState<ThemePreference>("system");
  const selectId = useId();

  // Read after mounting: the server cannot know this browser's choice, and the first render must match its HTML.
  useEffect(() => setPreference(readThemePreference()), []);

  function choose(next: ThemePreference): void {
    setPreference(next);
    applyThemePreference(next);
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={selectId} className="text-ink-muted">
        {t("theme.label")}
      </label>
      <select
        id={selectId}
        value={preference}
        onChange={(event) => choose(event.target.value as ThemePreference)}
        className="border-line bg-canvas text-ink rounded-lg border px-2 py-1"
      >
        {THEME_PREFERENCES.map((option) => (
          <option key={option} value={option}>
            {t(LABEL_KEYS[option])}
          </option>
        ))}
      </select>
    </div>
  );
}
