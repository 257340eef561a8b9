"use client";

import { useEffect, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import { shownTitle } from "@/app/_components/history";
import { useConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { focusNeighbourRow } from "@/app/_components/ui/focus-after-removal";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { revokeShareLink, type ShareLink } from "./share-link-requests";

type ShareLinkListProps = {
  conversationId: string;
  // Null while loading.
  links: ShareLink[] | null;
  /** Loads the list again: a revoked link shows as such once the new list arrives. */
  onChanged: () => void;
  onError: (message: string | null) => void;
};

type LinkState = "active" | "expired" | "revoked";

function stateOf(link: ShareLink, now: number): LinkState {
  if (link.revoked) return "revoked";
  return link.expiresAt && new Date(link.expiresAt).getTime() <= now ? "expired" : "active";
}

const stateKeys = { active: "shareLink.active", expired: "shareLink.expired", revoked: "shareLink.revoked" } as const;

/** What the link's visitors may open of the conversation's files (the others they see by name). */
function filesKeyOf({ includesImages, includesDocuments }: ShareLink) {
  if (includesImages) return includesDocuments ? "shareLink.filesAll" : "shareLink.filesImages";
  return includesDocuments ? "shareLink.filesDocuments" : "shareLink.filesNone";
}

// The conversation's links, newest first, each with its state; an active one can be revoked.
export function ShareLinkList({ conversationId, links, onChanged, onError }: ShareLinkListProps) {
  const translator = useTranslator();
  const { t, formatDate } = translator;
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const when = (date: string) => formatDate(date, { dateStyle: "medium", timeStyle: "short" });
  // The revoked link stays disabled until the list that says it is revoked arrives.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list is the signal.
  useEffect(() => setRevokingId(null), [links]);

  async function revoke(link: ShareLink, button: HTMLButtonElement): Promise<void> {
    if (revokingId !== null) return;
    const isConfirmed = await confirm({
      title: t("shareLink.confirmRevokeTitle"),
      message: t("shareLink.confirmRevoke"),
      confirmLabel: t("shareLink.revoke"),
    });
    if (!isConfirmed) return;
    setRevokingId(link.id);
    onError(null);
    const result = await revokeShareLink(conversationId, link.id);
    if (!result.isOk) onError(describeError(result.error, translator));
    // A revoked link loses its button: the keyboard stays in the dialog, on the next link's (or the list's heading).
    else focusNeighbourRow(button);
    onChanged();
  }

  if (links === null) {
    return (
      <p role="status" className="text-ink-muted text-sm">
        {t("shareLink.loading")}
      </p>
    );
  }
  const now = Date.now();
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-sm font-medium">{t("shareLink.existing")}</h3>
      {links.length === 0 ? <p className="text-ink-muted text-sm">{t("shareLink.none")}</p> : null}
      <ul aria-label={t("shareLink.existing")} className="divide-line flex max-h-56 flex-col divide-y overflow-y-auto">
        {links.map((link) => {
          const state = stateOf(link, now);
          return (
            <li key={link.id} className="flex items-center gap-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="truncate">{shownTitle(link.title, t)}</p>
                <p className="text-ink-muted text-xs">
                  {t("shareLink.createdOn", { date: when(link.createdAt) })} ·{" "}
                  {link.expiresAt ? t("shareLink.expiresOn", { date: when(link.expiresAt) }) : t("shareLink.noExpiry")}
                  {" · "}
                  {t(filesKeyOf(link))}
                </p>
              </div>
              <span className="border-line text-ink-muted rounded-full border px-2 py-0.5 text-xs">
                {t(stateKeys[state])}
              </span>
              {state === "active" ? (
                // Marked aria-disabled while a link is revoked, not disabled: that would drop the focus to the page.
                <button
                  type="button"
                  aria-label={t("shareLink.revokeLabel", { date: when(link.createdAt) })}
                  aria-disabled={revokingId !== null || undefined}
                  onClick={(event) => void revoke(link, event.currentTarget)}
                  className="border-line text-danger hover:bg-hover rounded-full border px-3 py-1 text-xs aria-disabled:opacity-50"
                >
                  {t("shareLink.revoke")}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {dialog}
    </section>
  );
}
