"use client";

import { useEffect, useId, useState } from "react";
import { applyThemePreference, readThemePreference, THEME_PREFERENCES, type ThemePreference } from "./theme";

const LABELS: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemePicker() {
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
        Theme
      </label>
      <select
        id={selectId}
        value={preference}
        onChange={(event) => choose(event.target.value as ThemePreference)}
        className="rounded-lg border border-line bg-canvas px-2 py-1 text-ink"
      >
        {THEME_PREFERENCES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
