import type { Metadata } from "next";
import { describeError } from "@/app/_components/api/api-client";
import type { ApiError } from "@/app/_components/api/types";
import { FeedbackSection, type UsageRow, UsageSection } from "@/app/_components/usage";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http/handler";
import { getUsageDashboard, usageQuerySchema } from "@/lib/usage-limits/usage-report";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.usage") };
}

type SearchParams = Record<string, string | string[] | undefined>;
type UsagePageProps = { searchParams: Promise<SearchParams> };

const firstOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The dashboard of the range the form sent (the last 30 days without one), or why that range cannot be shown: an
 * inverted or too long range is said beside the fields, never swapped for the default range.
 */
async function loadDashboard(range: { from?: string; to?: string }) {
  try {
    return { dashboard: await getUsageDashboard(parseInput(usageQuerySchema, range)) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "invalid_input") throw error;
    return { refusal: { code: error.code, message: error.message, issues: error.issues } satisfies ApiError };
  }
}

export default async function UsagePage({ searchParams }: UsagePageProps) {
  // Checked by the page itself, not only by the layout: see the models page.
  await requirePageAdmin();
  const params = await searchParams;
  const asked = { from: firstOf(params.from), to: firstOf(params.to) };
  const [{ dashboard, refusal }, translator] = await Promise.all([loadDashboard(asked), getTranslator()]);
  const { t } = translator;
  // A refused range stays in the fields as the admin gave it, with the reason beside them.
  const shown = dashboard?.range ?? asked;
  const rangeError = refusal ? describeError(refusal, translator) : null;
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("admin.usage")}</h1>
      <div className="flex flex-col gap-2">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("admin.usage.range")}>
          <DateField label={t("admin.usage.from")} name="from" value={shown.from} isInvalid={rangeError !== null} />
          <DateField label={t("admin.usage.to")} name="to" value={shown.to} isInvalid={rangeError !== null} />
          <button type="submit" className="bg-ink text-canvas rounded-full px-4 py-1.5 text-sm font-medium">
            {t("admin.usage.show")}
          </button>
        </form>
        {rangeError ? (
          <p id={RANGE_ERROR_ID} role="alert" className="text-danger text-sm">
            {rangeError}
          </p>
        ) : null}
      </div>
      {dashboard ? <UsageSections dashboard={dashboard} /> : null}
    </div>
  );
}

const RANGE_ERROR_ID = "usage-range-error";

type DateFieldProps = { label: string; name: "from" | "to"; value: string | undefined; isInvalid: boolean };

function DateField({ label, name, value, isInvalid }: DateFieldProps) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <input
        type="date"
        name={name}
        defaultValue={value}
        aria-invalid={isInvalid || undefined}
        aria-describedby={isInvalid ? RANGE_ERROR_ID : undefined}
        className="border-line bg-canvas aria-invalid:border-danger rounded-lg border px-2 py-1.5"
      />
    </label>
  );
}

type Dashboard = Awaited<ReturnType<typeof getUsageDashboard>>;

async function UsageSections({ dashboard }: { dashboard: Dashboard }) {
  const { t } = await getTranslator();
  const { from, to } = dashboard.range;
  const csv = (by: string) => `/api/admin/usage?from=${from}&to=${to}&format=csv&by=${by}`;
  const sections: { by: string; title: string; rows: UsageRow[]; fallback: string }[] = [
    { by: "day", title: t("admin.usage.byDay"), rows: dashboard.byDay, fallback: "" },
    { by: "user", title: t("admin.usage.byUser"), rows: dashboard.byUser, fallback: "" },
    { by: "team", title: t("admin.usage.byTeam"), rows: dashboard.byTeam, fallback: t("admin.usage.personal") },
    { by: "model", title: t("admin.usage.byModel"), rows: dashboard.byModel, fallback: t("admin.usage.deleted") },
  ];
  return (
    <>
      {sections.map((section) => (
        <UsageSection
          key={section.by}
          id={`usage-by-${section.by}`}
          title={section.title}
          rows={section.rows}
          csvUrl={csv(section.by)}
          fallbackLabel={section.fallback}
        />
      ))}
      <FeedbackSection report={dashboard.feedback} />
    </>
  );
}
