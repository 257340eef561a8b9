import Link from "next/link";
import { Notice } from "@/app/_components/ui/notice";
import { getTranslator } from "@/app/_i18n/server";

export default async function InvitationNotFound() {
  const { t } = await getTranslator();
  return (
    <Notice look="card" title={t("invite.invalidTitle")} text={t("invite.invalidText")}>
      <Link href="/" className="text-sm font-medium underline underline-offset-4">
        {t("notFound.backHome")}
      </Link>
    </Notice>
  );
}
