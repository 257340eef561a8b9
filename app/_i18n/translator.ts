import type { Locale } from "./locales";
import { type Catalog, en, type Message, type MessageKey } from "./messages-en";
import { zhCN } from "./messages-zh-cn";

const CATALOGS: Record<Locale, Catalog> = { en, "zh-CN": zhCN };

export type MessageValues = Record<string, string | number>;

export type Translator = {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (date: Date | string, options: Intl.DateTimeFormatOptions) => string;
};

export function createTranslator(locale: Locale): Translator {
  const catalog = CATALOGS[locale];
  const pluralRules = new Intl.PluralRules(locale);
  const numberFormat = new Intl.NumberFormat(locale);

  function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return options ? new Intl.NumberFormat(locale, options).format(value) : numberFormat.format(value);
  }

  function t(key: MessageKey, values: MessageValues = {}): string {
    const template = pickForm(catalog[key], values.count, pluralRules);
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = values[name];
      if (value === undefined) return placeholder;
      return typeof value === "number" ? formatNumber(value) : value;
    });
  }

  function formatDate(date: Date | string, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(locale, options).format(typeof date === "string" ? new Date(date) : date);
  }

  return { locale, t, formatNumber, formatDate };
}

function pickForm(message: Message, count: string | number | undefined, pluralRules: Intl.PluralRules): string {
  if (typeof message === "string") return message;
  const category = typeof count === "number" ? pluralRules.select(count) : "other";
  return category === "one" && message.one !== undefined ? message.one : message.other;
}
