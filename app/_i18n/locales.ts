export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";
// Holds the language chosen in settings; without it the browser's Accept-Language decides.
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

// Any Chinese tag the browser sends (zh, zh-CN, zh-Hans, zh-SG, zh-Hans-CN) gets Simplified Chinese;
// traditional tags (zh-TW, zh-HK, zh-Hant) are not read as Simplified.
function toSupportedLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (lower === "en" || lower.startsWith("en-")) return "en";
  if (lower === "zh" || lower === "zh-cn" || lower === "zh-sg" || lower.startsWith("zh-hans")) return "zh-CN";
  return null;
}

// Accept-Language lists tags with optional q weights, e.g. "zh-CN,zh;q=0.9,en;q=0.8"; the best supported one wins.
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const weighted = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const quality = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      return { tag, weight: quality ? Number(quality.slice(2)) : 1, index };
    })
    .filter((entry) => Number.isFinite(entry.weight) && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of weighted) {
    const locale = toSupportedLocale(entry.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : localeFromAcceptLanguage(acceptLanguage);
}
