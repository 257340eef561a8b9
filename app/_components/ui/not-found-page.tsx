import type { MessageKey } from "@/app/_i18n/messages-en";
import { getTranslator } from "@/app/_i18n/server";
import { NotFoundMessage } from "./not-found-message";

/** A whole page that is not found (on the server): the message alone on the screen. */
export async function NotFoundPage({ titleKey, textKey }: { titleKey: MessageKey; textKey: MessageKey }) {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh p-6">
      <NotFoundMessage title={t(titleKey)} text={t(textKey)} homeLabel={t("notFound.backHome")} />
    </main>
  );
}
