import Link from "next/link";
import { getTranslator } from "./_i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="font-semibold text-2xl">{t("notFound.pageTitle")}</h1>
      <p className="text-ink-muted">{t("notFound.pageText")}</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        {t("notFound.backHome")}
      </Link>
    </main>
  );
}
