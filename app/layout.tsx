import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NONCE_HEADER } from "@/lib/server/content-security-policy";
import { THEME_SCRIPT } from "./_components/shell/theme";
import { ThemeScript } from "./_components/shell/theme-script";
import { getLocale, getTranslator } from "./_i18n/server";
import { TranslatorProvider } from "./_i18n/translator-provider";
import "./globals.css";

// Loaded from the installed package because next/font/google needs the network at build time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return {
    title: { default: "Parley", template: "%s · Parley" },
    description: t("app.description"),
    icons: { icon: "/favicon.svg" },
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#212121" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // The theme script sets data-theme before React hydrates, so the attribute differs from the server's on purpose.
    <html lang={locale} className={inter.variable} suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} script={THEME_SCRIPT} />
      </head>
      <body className="font-sans">
        <TranslatorProvider locale={locale}>{children}</TranslatorProvider>
      </body>
    </html>
  );
}
