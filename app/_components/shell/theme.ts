// Light or dark: "system" follows the operating system, live. The choice is kept in this browser (localStorage).
export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

const STORAGE_KEY = "parley-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

// Sets data-theme on <html> (the only thing the CSS reads) and keeps following the system while no theme is chosen.
// Its source is also the inline script of the server's HTML (THEME_SCRIPT), so it names nothing from outside.
function followStoredTheme(storageKey: string, darkQuery: string): void {
  const query = matchMedia(darkQuery);
  function apply(): void {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(storageKey);
    } catch {
      // Storage refused (private mode): the system decides.
    }
    const isDark = stored === "dark" || (stored !== "light" && query.matches);
    document.documentElement.dataset.theme = isDark ? "dark" : "light";
  }
  apply();
  query.addEventListener("change", apply);
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) apply();
  });
}

// Runs inline in <head>, before the first paint, so that a dark page never flashes light (ThemeScript).
export const THEME_SCRIPT = `(${followStoredTheme.toString()})(${JSON.stringify(STORAGE_KEY)},${JSON.stringify(DARK_QUERY)})`;

/** The same, for a page the browser renders itself, where no inline script runs (ThemeScript). */
export function followStoredThemeHere(): void {
  followStoredTheme(STORAGE_KEY, DARK_QUERY);
}

export function readThemePreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return THEME_PREFERENCES.find((preference) => preference === stored) ?? "system";
  } catch {
    return "system";
  }
}

export function applyThemePreference(preference: ThemePreference): void {
  try {
    if (preference === "system") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Storage refused (private mode): the theme still applies to this page.
  }
  const isDark = preference === "dark" || (preference === "system" && matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = isDark ? "dark" : "light";
}
