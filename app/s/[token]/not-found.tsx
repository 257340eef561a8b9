import Link from "next/link";
import { getTranslator } from "@/app/_i18n/server";

// One answer for every link that does not open (unknown, revoked, expired, deleted, links turned off), so that a
// visitor learns nothing about which it was.
export default async function SharedConversationNotFound() {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="font-semibold text-2xl">{t("share.page.unavailable")}</h1>
      <p className="text-ink-muted">{t("share.page.unavailableText")}</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        {t("notFound.backHome")}
      </Link>
    </main>
  );
}
