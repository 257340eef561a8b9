"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "./locales";

const ONE_YEAR_IN_SECONDS = 60 * 60 * 24 * 365;

// Anyone may choose a language, signed in or not: the cookie holds nothing but one of our locale names.
export async function saveLanguageChoice(choice: string): Promise<void> {
  const cookieStore = await cookies();
  if (!isLocale(choice)) {
    cookieStore.delete(LOCALE_COOKIE);
    return;
  }
  cookieStore.set(LOCALE_COOKIE, choice, { path: "/", maxAge: ONE_YEAR_IN_SECONDS, sameSite: "lax" });
}
