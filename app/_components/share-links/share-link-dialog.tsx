"use client";

import { type FormEvent, useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { useResource } from "@/app/_components/api/use-resource";
import { Button, DialogCloseButton } from "@/app/_components/ui/button";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { LinkField } from "@/app/_components/ui/link-field";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { plainExcerpt } from "@/lib/conversations/plain-text";
import { readShareFileChoices, ShareFileChoices } from "./share-file-choices";
import { ShareLinkList } from "./share-link-list";
import { createShareLink, fetchShareLinks } from "./share-link-requests";

const EXPIRY_DAYS = [1, 7, 30, 365] as const;
const EXCERPT_LENGTH = 80;

type ShareLinkDialogProps = {
  conversationId: string;
  // Null: up to the newest message shown (the conversation's current message).
  upTo: ChatMessage | null;
  onClose: () => void;
};

// Create a public link to a read-only snapshot of the conversation, copy it (shown once), see and revoke links.
export function ShareLinkDialog({ conversationId, upTo, onClose }: ShareLinkDialogProps) {
  const { t } = useTranslator();
  const linkList = useResource(conversationId, () => fetchShareLinks(conversationId));
  const links = linkList.data ?? null;
  const { send, error, isPending, showError, formProps } = useFormOutcome({ refreshesPage: false });
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);

  async function handleCreate(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isPending) return;
    const form = new FormData(event.currentTarget);
    const expiry = form.get("expiry");
    const expiresInDays = expiry === "never" ? null : Number(expiry);
    const options = { expiresInDays, ...readShareFileChoices(form) };
    const created = await send(() => createShareLink(conversationId, upTo?.id ?? null, options));
    if (!created) return;
    setCreatedUrl(created.url);
    linkList.reload();
  }

  const isOff = links?.publicLinksEnabled === false;
  // The reply as text: its Markdown marks (**, `, links) would show as typed.
  const excerpt = upTo ? plainExcerpt(upTo.content, EXCERPT_LENGTH) : null;

  return (
    // Open from the start: this component exists only while the dialog is wanted (chat-thread.tsx).
    <ModalDialog isOpen onClose={onClose} title={t("shareLink.title")} width="wide">
      <p className="text-ink-muted mt-2 text-sm">{t("shareLink.intro")}</p>
      <div className="mt-4 flex flex-col gap-4">
        {isOff ? (
          <p className="border-line bg-sidebar rounded-xl border px-3.5 py-2.5 text-sm">{t("shareLink.off")}</p>
        ) : null}
        <FormAlert message={error ?? linkList.error} />
        {createdUrl ? (
          <div className="flex flex-col gap-2">
            <p role="status" className="text-sm">
              {t("shareLink.created")}
            </p>
            <LinkField url={createdUrl} label={t("shareLink.url")} copyLabel={t("shareLink.copy")} isFocusedOnArrival />
          </div>
        ) : (
          <form onSubmit={(event) => void handleCreate(event)} {...formProps} className="flex flex-col gap-3">
            <p className="text-sm">{excerpt ? t("shareLink.upToChosen", { excerpt }) : t("shareLink.upToCurrent")}</p>
            <ShareFileChoices />
            <div className="flex flex-wrap items-center gap-2">
              <SelectField label={t("shareLink.expiry")} look="compact" name="expiry" defaultValue="never">
                <option value="never">{t("shareLink.never")}</option>
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {t("shareLink.afterDays", { count: days })}
                  </option>
                ))}
              </SelectField>
              {/* Not disabled while pending, which would drop the focus before the new link takes it. */}
              <Button
                variant="primarySmall"
                type="submit"
                disabled={isOff || links === null}
                isPending={isPending}
                className="ml-auto"
              >
                {isPending ? t("shareLink.creating") : t("shareLink.create")}
              </Button>
            </div>
          </form>
        )}
        <ShareLinkList
          conversationId={conversationId}
          links={links?.items ?? null}
          onChanged={linkList.reload}
          onError={showError}
        />
        <DialogCloseButton label={t("common.close")} onClick={onClose} />
      </div>
    </ModalDialog>
  );
}
