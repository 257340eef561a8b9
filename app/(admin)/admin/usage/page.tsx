import type { Metadata } from "next";
import { type UsageRow, UsageSection } from "@/app/_components/usage";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getUsageDashboard, usageQuerySchema } from "@/lib/usage-limits/usage-report";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.usage") };
}

type UsagePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A range the form sent, or the default (the last 30 days) when it is missing or not a valid range. */
async function loadDashboard(params: Record<string, string | string[] | undefined>) {
  const parsed = usageQuerySchema.safeParse({ from: params.from, to: params.to });
  try {
    return await getUsageDashboard(parsed.success ? parsed.data : {});
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_input") return getUsageDashboard({});
    throw error;
  }
}

export default async function UsagePage({ searchParams }: UsagePageProps) {
  // Checked by the page itself, not only by the layout: see the models page.
  await requirePageAdmin();
  const [dashboard, { t }] = await Promise.all([loadDashboard(await searchParams), getTranslator()]);
  const { from, to } = dashboard.range;
  const csv = (by: string) => `/api/admin/usage?from=${from}&to=${to}&format=csv&by=${by}`;
  const sections: { by: string; title: string; rows: UsageRow[]; fallback: string }[] = [
    { by: "day", title: t("admin.usage.byDay"), rows: dashboard.byDay, fallback: "" },
    { by: "user", title: t("admin.usage.byUser"), rows: dashboard.byUser, fallback: "" },
    { by: "team", title: t("admin.usage.byTeam"), rows: dashboard.byTeam, fallback: t("admin.usage.personal") },
    { by: "model", title: t("admin.usage.byModel"), rows: dashboard.byModel, fallback: t("admin.usage.deleted") },
  ];
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("admin.usage")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("admin.usage.range")}>
        <label className="flex flex-col gap-1 text-sm">
          {t("admin.usage.from")}
          <input
            type="date"
            name="from"
            defaultValue={from}
            className="border-line bg-canvas rounded-lg border px-2 py-1.5"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("admin.usage.to")}
          <input
            type="date"
            name="to"
            defaultValue={to}
            className="border-line bg-canvas rounded-lg border px-2 py-1.5"
          />
        </label>
        <button type="submit" className="bg-ink text-canvas rounded-full px-4 py-1.5 text-sm font-medium">
          {t("admin.usage.show")}
        </button>
      </form>
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
    </div>
  );
}
