"use client";

import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";

type FeedbackReport = {
  byModel: { modelId: string | null; label: string | null; good: number; bad: number }[];
  comments: { label: string | null; rating: "GOOD" | "BAD"; comment: string; day: Date }[];
};

/**
 * What readers thought of the replies in the range: Good and Bad per model, and the newest words they added. Who
 * gave them, and the conversations, are not shown.
 */
export function FeedbackSection({ report }: { report: FeedbackReport }) {
  const { t, formatNumber, formatDate } = useTranslator();
  const unknownModel = t("admin.usage.unknownModel");
  return (
    <PageSection id="usage-feedback" title={t("admin.usage.feedback")} look="card">
      {report.byModel.length === 0 ? (
        <p className="text-ink-muted text-sm">{t("admin.usage.noFeedback")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("admin.usage.feedback")}</caption>
          <thead className="text-ink-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("admin.usage.model")}</th>
              <th className="py-2 pr-3 text-right font-medium">{t("admin.usage.good")}</th>
              <th className="py-2 text-right font-medium">{t("admin.usage.bad")}</th>
            </tr>
          </thead>
          <tbody>
            {report.byModel.map((row) => (
              <tr key={row.modelId ?? ""} className="border-line border-t">
                <td className="py-1.5 pr-3">{row.label ?? unknownModel}</td>
                <td className="py-1.5 pr-3 text-right">{formatNumber(row.good)}</td>
                <td className="py-1.5 text-right">{formatNumber(row.bad)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.comments.length > 0 ? (
        <>
          <h3 className="mt-2 font-medium">{t("admin.usage.feedbackWords")}</h3>
          <ul className="flex flex-col gap-2 text-sm">
            {report.comments.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once, never reordered.
              <li key={index} className="border-line rounded-lg border px-3 py-2">
                <p className="text-ink-muted text-xs">
                  {t(entry.rating === "GOOD" ? "admin.usage.good" : "admin.usage.bad")} · {entry.label ?? unknownModel}{" "}
                  · {formatDate(entry.day, { dateStyle: "medium", timeZone: "UTC" })}
                </p>
                <p className="mt-1 whitespace-pre-wrap">{entry.comment}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </PageSection>
  );
}
