// The bench's output: one Markdown table of figures side by side with their goals, and short context lines.
export type Verdict = "PASS" | "FAIL" | "n/a" | "";
export type Row = {
  measure: string;
  parley: string;
  relay: string;
  goal: string;
  verdict: Verdict;
  /** Shown beside the verdict: the machine was busy with other work while this row was measured. */
  warning?: string;
};
export type Section = { rows: Row[]; notes: string[] };

export const NOT_MEASURED = "—";

export function judge(isPass: boolean | undefined): Verdict {
  if (isPass === undefined) return "n/a";
  return isPass ? "PASS" : "FAIL";
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  return `${ms.toFixed(Math.abs(ms) < 10 ? 2 : 1)} ms`;
}

export function formatMicros(micros: number): string {
  return Number.isFinite(micros) ? `${micros.toFixed(1)} µs` : "n/a";
}

export function formatKilobytes(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : "n/a";
}

export function formatMebibytes(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : "n/a";
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "n/a";
  return `${fraction >= 0 ? "+" : ""}${(fraction * 100).toFixed(1)}%`;
}

/** A measurement that could not be made still gets its rows, saying why instead of showing a number. */
export function describeFailure(measures: string[], error: unknown): Section {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rows: measures.map((measure) => ({
      measure,
      parley: "n/a",
      relay: "n/a",
      goal: NOT_MEASURED,
      verdict: "n/a",
    })),
    notes: [`${measures[0] ?? "a measurement"}: not measured (${reason.split("\n")[0]})`],
  };
}

/** Every row of the section carries `warning` beside its verdict (a measurement's figures share its conditions). */
export function withWarning(section: Section, warning: string | undefined): Section {
  if (warning === undefined) return section;
  return { ...section, rows: section.rows.map((row) => ({ ...row, warning })) };
}

function formatVerdict(row: Row): string {
  if (row.warning === undefined) return row.verdict;
  return row.verdict === "" ? `⚠ ${row.warning}` : `${row.verdict} ⚠ ${row.warning}`;
}

export function formatReport(title: string, sections: Section[]): string {
  const rows = sections.flatMap((section) => section.rows);
  const lines = [
    `\n## ${title}\n`,
    "| measure | Parley | raw relay | goal | verdict |",
    "|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.measure} | ${row.parley} | ${row.relay} | ${row.goal} | ${formatVerdict(row)} |`),
    "",
    ...sections.flatMap((section) => section.notes).map((note) => `- ${note}`),
  ];
  return lines.join("\n");
}
