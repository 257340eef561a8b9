import Link from "next/link";
import { getTranslator } from "@/app/_i18n/server";

export default async function InvitationNotFound() {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-col gap-4 text-center">
      <h1 className="font-semibold text-xl">{t("invite.invalidTitle")}</h1>
      <p className="text-ink-muted text-sm">{t("invite.invalidText")}</p>
      <Link href="/" className="font-medium text-sm underline underline-offset-4">
        {t("notFound.backHome")}
      </Link>
    </div>
  );
}
