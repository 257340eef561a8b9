"use client";

import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { clearComposerDrafts } from "@/app/_components/drafts";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CurrentPasswordField } from "./current-password-field";
import { CARD } from "./profile-form";

// Deleting one's own account, as the admin's delete does it; typing the email is the confirmation, the password (of an
// account that has one) the proof that its owner asks, and the export of everything is offered first, since nothing
// can be brought back.
export function DeleteAccountForm({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const { t } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome({ refreshesPage: false, leavesPage: true });
  const [typed, setTyped] = useState("");

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const currentPassword = new FormData(event.currentTarget).get("currentPassword");
    const body = hasPassword ? { email: typed, currentPassword: String(currentPassword ?? "") } : { email: typed };
    if ((await run({ url: "/api/account", method: "DELETE", body })) === null) return;
    // The account's unsent drafts (their files are gone with it) are not left in the tab either.
    clearComposerDrafts();
    // The session is gone with the account: a full load shows the sign-in page.
    window.location.assign("/sign-in?deleted=1");
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={`${CARD} border-danger/40`}>
      <h3 className="font-medium">{t("accountSettings.delete")}</h3>
      <p className="text-ink-muted text-sm">{t("accountSettings.deleteExplained")}</p>
      <p className="text-sm">
        <a href="/api/account/export" download className="font-medium underline underline-offset-4">
          {t("accountSettings.exportFirst")}
        </a>
      </p>
      <FormField
        label={t("accountSettings.typeEmail", { email })}
        name="confirmEmail"
        type="email"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      {hasPassword ? <CurrentPasswordField /> : null}
      <InlineAlert message={error} />
      <button
        type="submit"
        disabled={isPending || typed.trim().toLowerCase() !== email.toLowerCase()}
        className="bg-danger self-start rounded-xl px-4 py-2.5 font-medium text-white hover:opacity-90 disabled:opacity-60"
      >
        {t("accountSettings.deleteButton")}
      </button>
    </form>
  );
}
