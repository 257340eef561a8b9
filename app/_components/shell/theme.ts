// Light or dark: "system" follows the operating system, live. The choice is kept in this browser (localStorage).
export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

const STORAGE_KEY = "parley-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

// Runs inline in <head>, before the first paint, so that a dark page never flashes light. It sets data-theme on
// <html> (the only thing the CSS reads) and keeps following the system while no theme is chosen.
export const THEME_SCRIPT = `(function(){var k=${JSON.stringify(STORAGE_KEY)},q=matchMedia(${JSON.stringify(DARK_QUERY)});function a(){var p=null;try{p=localStorage.getItem(k)}catch(e){}document.documentElement.dataset.theme=p==="dark"||(p!=="light"&&q.matches)?"dark":"light"}a();q.addEventListener("change",a);window.addEventListener("storage",function(e){if(e.key===k)a()})})()`;

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
