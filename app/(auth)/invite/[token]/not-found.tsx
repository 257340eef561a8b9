import Link from "next/link";
import { getTranslator } from "@/app/_i18n/server";

export default async function InvitationNotFound() {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-col gap-4 text-center">
      <h1 className="text-xl font-semibold">{t("invite.invalidTitle")}</h1>
      <p className="text-ink-muted text-sm">{t("invite.invalidText")}</p>
      <Link href="/" className="text-sm font-medium underline underline-offset-4">
        {t("notFound.backHome")}
      </Link>
    </div>
  );
}
