"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { createTranslator, type Translator } from "./translator";

const TranslatorContext = createContext<Translator>(createTranslator(DEFAULT_LOCALE));

// Fed by the root layout with the locale resolved on the server, so client components render the same words.
export function TranslatorProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const translator = useMemo(() => createTranslator(locale), [locale]);
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

export function useTranslator(): Translator {
  return useContext(TranslatorContext);
}
