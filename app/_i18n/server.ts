import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, type Locale, resolveLocale } from "./locales";
import { createTranslator, type Translator } from "./translator";

// The user's choice in the cookie, otherwise the browser's preferred languages.
export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

export async function getTranslator(): Promise<Translator> {
  return createTranslator(await getLocale());
}
