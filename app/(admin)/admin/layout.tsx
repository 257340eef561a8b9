import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AdminNav } from "@/app/_components/admin/admin-nav";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageAdmin } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: t("admin.title"), template: `%s · ${t("admin.title")} · Parley` } };
}

// Each page checks for an admin too: Next renders a layout and its page in parallel, so a check here alone would
// still send the page's data (in its RSC payload) to anyone.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageAdmin();
  const { t } = await getTranslator();
  return (
    <div className="bg-sidebar min-h-dvh">
      <header className="border-line bg-canvas border-b">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <p className="text-lg font-semibold">{t("admin.heading")}</p>
          <AdminNav />
          <Link href="/" className="text-ink-muted hover:text-ink ml-auto text-sm">
            {t("admin.backToChat")}
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </div>
  );
}
