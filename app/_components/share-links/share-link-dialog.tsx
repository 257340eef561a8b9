"use client";

import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ChatMessage } from "@/app/_components/api/types";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { LinkField } from "@/app/_components/ui/link-field";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ShareLinkList } from "./share-link-list";
import { createShareLink, fetchShareLinks, type ShareLinkList as Links } from "./share-link-requests";

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
  const translator = useTranslator();
  const { t } = translator;
  const expiryId = useId();
  const [links, setLinks] = useState<Links | null>(null);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  const reload = useCallback(async () => {
    const result = await fetchShareLinks(conversationId);
    if (result.isOk) setLinks(result.data);
    else setError(describeError(result.error, translator));
  }, [conversationId, translator]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function handleCreate(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const expiry = new FormData(event.currentTarget).get("expiry");
    setIsPending(true);
    setError(null);
    const result = await createShareLink(conversationId, upTo?.id ?? null, expiry === "never" ? null : Number(expiry));
    setIsPending(false);
    if (!result.isOk) return setError(describeError(result.error, translator));
    setCreatedUrl(result.data.url);
    await reload();
  }

  const isOff = links?.publicLinksEnabled === false;
  const excerpt = upTo
    ? upTo.content.slice(0, EXCERPT_LENGTH) + (upTo.content.length > EXCERPT_LENGTH ? "…" : "")
    : null;

  return (
    // Open from the start: this component exists only while the dialog is wanted (chat-thread.tsx).
    <ModalDialog isOpen onClose={onClose} title={t("shareLink.title")} width="wide">
      <p className="text-ink-muted mt-2 text-sm">{t("shareLink.intro")}</p>
      <div className="mt-4 flex flex-col gap-4">
        {isOff ? (
          <p className="border-line bg-sidebar rounded-xl border px-3.5 py-2.5 text-sm">{t("shareLink.off")}</p>
        ) : null}
        <FormAlert message={error} />
        {createdUrl ? (
          <div className="flex flex-col gap-2">
            <p role="status" className="text-sm">
              {t("shareLink.created")}
            </p>
            <LinkField url={createdUrl} label={t("shareLink.url")} copyLabel={t("shareLink.copy")} />
          </div>
        ) : (
          <form onSubmit={(event) => void handleCreate(event)} className="flex flex-col gap-3">
            <p className="text-sm">{excerpt ? t("shareLink.upToChosen", { excerpt }) : t("shareLink.upToCurrent")}</p>
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={expiryId} className="text-sm">
                {t("shareLink.expiry")}
              </label>
              <select
                id={expiryId}
                name="expiry"
                defaultValue="never"
                className="border-line bg-canvas rounded-lg border px-2 py-1.5 text-sm"
              >
                <option value="never">{t("shareLink.never")}</option>
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {t("shareLink.afterDays", { count: days })}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                disabled={isPending || isOff || links === null}
                className="bg-ink text-canvas ml-auto rounded-full px-4 py-1.5 text-sm font-medium hover:opacity-90 disabled:opacity-50"
              >
                {isPending ? t("shareLink.creating") : t("shareLink.create")}
              </button>
            </div>
          </form>
        )}
        <ShareLinkList
          conversationId={conversationId}
          links={links?.items ?? null}
          onChanged={reload}
          onError={setError}
        />
        <div className="flex justify-end">
          <button type="button" onClick={onClose} className="hover:bg-hover rounded-full px-3.5 py-1.5 text-sm">
            {t("common.close")}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
