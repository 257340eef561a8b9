"use client";

import { useMemo } from "react";
import { formatMicroDollars } from "@/app/_components/ui/format-dollars";
import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { UsageChart } from "./usage-chart";

export type UsageRow = {
  key: string;
  label: string;
  promptTokens: number;
  completionTokens: number;
  replies: number;
  costMicros: number;
};

type UsageSectionProps = {
  id: string;
  title: string;
  rows: UsageRow[];
  /** The CSV of the same grouping and range. */
  csvUrl: string;
  /** The name of a row without one (personal use for teams, a deleted model). */
  fallbackLabel: string;
};

const INPUT_COLOR = "#6366f1";
const OUTPUT_COLOR = "#f59e0b";

/** One grouping of the dashboard: a chart of input and output tokens, the table of the same figures, its CSV. */
export function UsageSection({ id, title, rows, csvUrl, fallbackLabel }: UsageSectionProps) {
  const { t, formatNumber } = useTranslator();
  const labels = useMemo(() => rows.map((row) => row.label || fallbackLabel), [rows, fallbackLabel]);
  const series = useMemo(
    () => [
      { label: t("admin.usage.prompt"), values: rows.map((row) => row.promptTokens), color: INPUT_COLOR },
      { label: t("admin.usage.completion"), values: rows.map((row) => row.completionTokens), color: OUTPUT_COLOR },
    ],
    [rows, t],
  );
  const dollars = (micros: number) => formatMicroDollars(micros, formatNumber);
  // The chart shows every row (by day, a timeline with its quiet days at zero); the table only those with use.
  const used = rows.flatMap((row, index) => (row.replies > 0 ? [{ row, label: labels[index] }] : []));
  return (
    <PageSection id={id} title={title} look="card">
      <a href={csvUrl} download className="text-sm underline">
        {t("admin.usage.downloadCsv")}
      </a>
      {used.length === 0 ? (
        <p className="text-ink-muted text-sm">{t("admin.usage.empty")}</p>
      ) : (
        <>
          <UsageChart labels={labels} series={series} ariaLabel={t("admin.usage.chartLabel", { group: title })} />
          {/* Positioned: the caption (absolutely placed) stays in the scrolled box instead of widening the page.
              Focusable, so that a keyboard can scroll it. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
          <div className="relative max-h-80 overflow-auto" tabIndex={0}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead className="text-ink-muted">
                <tr>
                  <th className="py-2 pr-3 font-medium">{t("admin.usage.name")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("admin.usage.prompt")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("admin.usage.completion")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("admin.usage.total")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("admin.usage.replies")}</th>
                  <th className="py-2 text-right font-medium">{t("admin.usage.cost")}</th>
                </tr>
              </thead>
              <tbody>
                {used.map(({ row, label }, index) => (
                  <tr key={row.key || index} className="border-line border-t">
                    <td className="py-1.5 pr-3">{label}</td>
                    <td className="py-1.5 pr-3 text-right">{formatNumber(row.promptTokens)}</td>
                    <td className="py-1.5 pr-3 text-right">{formatNumber(row.completionTokens)}</td>
                    <td className="py-1.5 pr-3 text-right">{formatNumber(row.promptTokens + row.completionTokens)}</td>
                    <td className="py-1.5 pr-3 text-right">{formatNumber(row.replies)}</td>
                    <td className="py-1.5 text-right">{dollars(row.costMicros)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </PageSection>
  );
}
