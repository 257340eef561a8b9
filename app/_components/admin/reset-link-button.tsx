"use client";

import { useRef, useState } from "react";
import { z } from "zod";
import { useMutation } from "@/app/_components/api/use-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { DialogCloseButton } from "@/app/_components/ui/button";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { LinkField } from "@/app/_components/ui/link-field";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";

const resetLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });
type ResetLink = z.infer<typeof resetLinkSchema>;

// A one-time password reset link for an install without mail: the admin passes it on; it is shown only here. The
// dialog closes with its Close button (a phone has no Escape key, and a tap beside a native dialog does not close it),
// and the focus goes back to the button: it was disabled while the link was made, so the dialog has nothing to return to.
export function ResetLinkButton({ user }: { user: { id: string; email: string } }) {
  const { t, locale } = useTranslator();
  const { run, error, isPending } = useMutation({ refreshesPage: false });
  const [link, setLink] = useState<ResetLink | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // After the dialog has closed (Escape or Close), when the page behind it takes the focus again.
  function handleClosed(): void {
    setLink(null);
    buttonRef.current?.focus();
  }

  async function create(): Promise<void> {
    const created = await run({ url: `/api/admin/users/${user.id}/reset-link`, method: "POST" }, resetLinkSchema);
    if (created) setLink(created);
  }

  const time = link ? new Date(link.expiresAt).toLocaleTimeString(locale, { timeStyle: "short" }) : "";
  return (
    <>
      <ActionButton ref={buttonRef} onClick={() => void create()} isPending={isPending}>
        {t("admin.user.resetLink")}
      </ActionButton>
      <InlineAlert message={error} />
      <ModalDialog isOpen={link !== null} onClose={handleClosed} title={t("admin.user.resetLinkTitle")}>
        <p className="text-ink-muted mt-2 mb-4 text-sm">
          {t("admin.user.resetLinkExplained", { email: user.email, time })}
        </p>
        {link ? <LinkField url={link.url} label={t("admin.user.resetLinkTitle")} copyLabel={t("copy.label")} /> : null}
        <DialogCloseButton label={t("common.close")} onClick={() => setLink(null)} className="mt-4" />
      </ModalDialog>
    </>
  );
}
