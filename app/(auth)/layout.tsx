import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { LanguagePicker } from "@/app/_i18n/language-picker";
import { isLocale, LOCALE_COOKIE } from "@/app/_i18n/locales";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const savedLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  return (
    <main className="bg-sidebar flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <p className="mb-8 text-2xl font-semibold tracking-tight">Parley</p>
      <div className="border-line bg-canvas w-full max-w-sm rounded-2xl border p-8 shadow-sm">{children}</div>
      <footer className="mt-6">
        <LanguagePicker choice={isLocale(savedLocale) ? savedLocale : "system"} />
      </footer>
    </main>
  );
}
