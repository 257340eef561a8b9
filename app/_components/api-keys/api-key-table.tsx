"use client";

import { useRef } from "react";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { Button } from "@/app/_components/ui/button";
import { focusNeighbourRow } from "@/app/_components/ui/focus-after-removal";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ApiKeyRow, keyStatus } from "./api-key-types";

type ApiKeyTableProps = {
  keys: (ApiKeyRow & { owner?: string })[];
  /** Where a key is revoked, followed by its id: the owner's own route, or the admin's. */
  revokeUrlPrefix: string;
  caption: string;
};

/** Keys by name and visible prefix, with their dates and status; an active one can be revoked. */
export function ApiKeyTable({ keys, revokeUrlPrefix, caption }: ApiKeyTableProps) {
  const { t, formatDate } = useTranslator();
  const date = (value: string | null, empty: string) => (value ? formatDate(value, { dateStyle: "medium" }) : empty);
  const hasOwners = keys.some((key) => key.owner !== undefined);
  return (
    // Positioned, so that the table's screen-reader caption (absolutely placed) stays inside the scrolled box instead of
    // widening the page on a phone.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-ink-muted">
          <tr>
            <th className="py-2 pr-3 font-medium">{t("apiKeys.name")}</th>
            {hasOwners && <th className="py-2 pr-3 font-medium">{t("apiKeys.owner")}</th>}
            <th className="py-2 pr-3 font-medium">{t("apiKeys.prefix")}</th>
            <th className="py-2 pr-3 font-medium">{t("apiKeys.createdAt")}</th>
            <th className="py-2 pr-3 font-medium">{t("apiKeys.lastUsed")}</th>
            <th className="py-2 pr-3 font-medium">{t("apiKeys.expires")}</th>
            <th className="py-2 pr-3 font-medium">{t("apiKeys.status")}</th>
            <th className="bg-canvas sticky right-0 py-2 pl-3 font-medium">
              <span className="sr-only">{t("apiKeys.revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className="border-line border-t">
              {/* A name or an address of 80 characters without a space wraps anywhere instead of pushing the
                  dates and Revoke out of the box; the dates wrap at their spaces only. */}
              <td className="min-w-24 py-2 pr-3 wrap-anywhere">{key.name}</td>
              {hasOwners && <td className="min-w-24 py-2 pr-3 wrap-anywhere">{key.owner}</td>}
              <td className="py-2 pr-3 whitespace-nowrap">
                <code>{key.prefix}…</code>
              </td>
              <td className="py-2 pr-3">{date(key.createdAt, "")}</td>
              <td className="py-2 pr-3">{date(key.lastUsedAt, t("apiKeys.neverUsed"))}</td>
              <td className="py-2 pr-3">{date(key.expiresAt, t("apiKeys.never"))}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{t(`apiKeys.${keyStatus(key)}`)}</td>
              {/* Chinese breaks between any two characters: 吊销 would stand on two lines. Kept in view where the
                  table scrolls sideways (a phone): the other columns pass under it. */}
              <td className="bg-canvas sticky right-0 py-2 pl-3 whitespace-nowrap">
                {keyStatus(key) === "active" && <RevokeButton apiKey={key} url={`${revokeUrlPrefix}${key.id}`} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevokeButton({ apiKey, url }: { apiKey: ApiKeyRow; url: string }) {
  const { t } = useTranslator();
  const { runConfirmed, error, isPending, dialog } = useConfirmedMutation();
  const buttonRef = useRef<HTMLButtonElement>(null);

  async function revoke(): Promise<void> {
    const question = {
      title: t("apiKeys.revokeTitle", { name: apiKey.name }),
      message: t("apiKeys.revokeText"),
      confirmLabel: t("apiKeys.revoke"),
    };
    // A revoked key keeps its row but loses this button: the keyboard goes on from another key's Revoke.
    if ((await runConfirmed(question, { url, method: "DELETE" })) !== null && buttonRef.current) {
      focusNeighbourRow(buttonRef.current);
    }
  }

  return (
    <RowActions error={error}>
      <Button
        ref={buttonRef}
        variant="danger"
        isPending={isPending}
        aria-label={`${t("apiKeys.revoke")} ${apiKey.name}`}
        onClick={() => void revoke()}
      >
        {t("apiKeys.revoke")}
      </Button>
      {dialog}
    </RowActions>
  );
}
