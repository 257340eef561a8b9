"use client";

import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CARD } from "./profile-form";

type SetPasswordCardProps = { email: string; canMailLink: boolean; isPasswordSignInEnabled: boolean };

// An account without a password of its owner's (made by single sign-on, or its password replaced by one) has no
// current password to give: Settings offers the reset link that sets one instead, by mail when this Parley sends
// mail, else from an admin; none while nobody may sign in with a password.
export function SetPasswordCard({ email, canMailLink, isPasswordSignInEnabled }: SetPasswordCardProps) {
  const { t } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome({ refreshesPage: false });
  const [isSent, setIsSent] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if ((await run({ url: "/api/auth/forgot-password", method: "POST", body: { email } })) !== null) setIsSent(true);
  }

  if (!isPasswordSignInEnabled) {
    return (
      <section className={CARD}>
        <h3 className="font-medium">{t("accountSettings.password")}</h3>
        <p className="text-ink-muted text-sm">{t("accountSettings.passwordSignInOff")}</p>
      </section>
    );
  }
  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={CARD}>
      <h3 className="font-medium">{t("accountSettings.password")}</h3>
      <p className="text-ink-muted text-sm">{t("accountSettings.noPassword")}</p>
      {!canMailLink ? (
        <p className="text-sm">{t("accountSettings.askAdminForPasswordLink")}</p>
      ) : isSent ? (
        <p role="status" className="text-sm">
          {t("accountSettings.passwordLinkSent", { email })}
        </p>
      ) : (
        <>
          <InlineAlert message={error} />
          <SubmitButton label={t("accountSettings.mailPasswordLink")} isPending={isPending} />
        </>
      )}
    </form>
  );
}
