"use client";

import type { ReactNode } from "react";
import { formatMicroDollars } from "@/app/_components/ui/format-dollars";
import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { OwnUsage } from "./api-key-types";

/**
 * Settings → Usage: what the user used today and this month, and what is left of their limits; `files`, their
 * file storage (rendered on the server: attachments/storage-usage.tsx).
 */
export function UsageSettings({ usage, files }: { usage: OwnUsage; files: ReactNode }) {
  const { t, formatNumber, formatDate } = useTranslator();
  const dollars = (micros: number) => formatMicroDollars(micros, formatNumber);
  const resets = (at: string) =>
    t("myUsage.resets", {
      time: `${formatDate(at, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`,
    });
  const line = (period: { tokens: number; limit: number | null; left: number | null }) =>
    period.limit === null
      ? t("myUsage.tokensUsed", { tokens: formatNumber(period.tokens) })
      : t("myUsage.ofLimit", {
          tokens: formatNumber(period.tokens),
          limit: formatNumber(period.limit),
          left: formatNumber(period.left ?? 0),
        });
  return (
    <PageSection id="usage" title={t("myUsage.title")} className="mb-8">
      <dl className="border-line grid gap-4 rounded-2xl border p-5 sm:grid-cols-2">
        <div>
          <dt className="font-medium">{t("myUsage.today")}</dt>
          <dd className="text-sm">{line(usage.today)}</dd>
          {usage.today.limit !== null && <dd className="text-ink-muted text-xs">{resets(usage.today.resetsAt)}</dd>}
        </div>
        <div>
          <dt className="font-medium">{t("myUsage.month")}</dt>
          <dd className="text-sm">{line(usage.month)}</dd>
          {usage.month.costLimitMicros !== null && (
            <dd className="text-sm">
              {t("myUsage.cost", {
                cost: dollars(usage.month.costMicros),
                limit: dollars(usage.month.costLimitMicros),
              })}
            </dd>
          )}
          {(usage.month.limit !== null || usage.month.costLimitMicros !== null) && (
            <dd className="text-ink-muted text-xs">{resets(usage.month.resetsAt)}</dd>
          )}
        </div>
        <div>
          <dt className="font-medium">{t("myUsage.files")}</dt>
          <dd className="text-sm">{files}</dd>
        </div>
      </dl>
    </PageSection>
  );
}
