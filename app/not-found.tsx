import { NotFoundMessage } from "./_components/ui/not-found-message";
import { getTranslator } from "./_i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh p-6">
      <NotFoundMessage
        title={t("notFound.pageTitle")}
        text={t("notFound.pageText")}
        homeLabel={t("notFound.backHome")}
      />
    </main>
  );
}
