import { NotFoundMessage } from "@/app/_components/ui/not-found-message";
import { getTranslator } from "@/app/_i18n/server";

// One answer for every link that does not open (unknown, revoked, expired, deleted, links turned off), so that a
// visitor learns nothing about which it was.
export default async function SharedConversationNotFound() {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh p-6">
      <NotFoundMessage
        title={t("share.page.unavailable")}
        text={t("share.page.unavailableText")}
        homeLabel={t("notFound.backHome")}
      />
    </main>
  );
}
