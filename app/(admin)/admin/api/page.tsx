import type { Metadata } from "next";
import { ApiSettingsForm } from "@/app/_components/admin/api-settings-form";
import { ModelPriceForm } from "@/app/_components/admin/model-price-form";
import { UsageLimitForm } from "@/app/_components/admin/usage-limit-form";
import { ApiKeyTable } from "@/app/_components/api-keys";
import { formatDollars } from "@/app/_components/ui/format-dollars";
import { PageSection } from "@/app/_components/ui/page-section";
import { getTranslator } from "@/app/_i18n/server";
import { listEveryApiKey } from "@/lib/api-keys/api-keys";
import { getApiSettings } from "@/lib/api-keys/api-settings";
import { requirePageAdmin } from "@/lib/auth/session";
import { listAllTeams } from "@/lib/db/team-conversations";
import { listLimits } from "@/lib/usage-limits/limit-admin";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.api") };
}

export default async function ApiAdminPage() {
  // Checked by the page itself, not only by the layout: see the models page.
  await requirePageAdmin();
  const [settings, limits, { keys }, teams, { t, formatNumber }] = await Promise.all([
    getApiSettings(),
    listLimits(),
    listEveryApiKey(),
    listAllTeams(),
    getTranslator(),
  ]);
  const value = (amount: number | null, format = formatNumber) =>
    amount === null ? t("admin.limits.none") : format(amount);
  const dollars = (amount: number) => formatDollars(amount, formatNumber);
  const setLimits = [...limits.users, ...limits.teams];
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("admin.api")}</h1>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <ApiSettingsForm {...settings} />
      </section>
      <PageSection id="usage-limits" title={t("admin.limits.title")} look="card">
        <p className="text-ink-muted text-sm">{t("admin.limits.description")}</p>
        <h3 className="mt-2 font-medium">{t("admin.limits.default")}</h3>
        <UsageLimitForm target="default" values={limits.default} />
        <h3 className="border-line mt-2 border-t pt-5 font-medium">{t("admin.limits.user")}</h3>
        <UsageLimitForm target="user" />
        {teams.length > 0 && (
          <>
            <h3 className="border-line mt-2 border-t pt-5 font-medium">{t("admin.limits.team")}</h3>
            <UsageLimitForm target="team" teams={teams} />
          </>
        )}
        {setLimits.length > 0 && (
          <table className="mt-4 w-full text-left text-sm">
            <caption className="mb-2 text-left font-medium">{t("admin.limits.current")}</caption>
            <thead className="text-ink-muted">
              <tr>
                <th className="py-2 pr-3 font-medium">{t("admin.limits.subject")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.limits.tokensPerDay")}</th>
                <th className="py-2 pr-3 font-medium">{t("admin.limits.tokensPerMonth")}</th>
                <th className="py-2 font-medium">{t("admin.limits.costPerMonth")}</th>
              </tr>
            </thead>
            <tbody>
              {setLimits.map((limit) => (
                <tr key={limit.subject} className="border-line border-t">
                  <td className="py-1.5 pr-3">{limit.name}</td>
                  <td className="py-1.5 pr-3">{value(limit.tokensPerDay)}</td>
                  <td className="py-1.5 pr-3">{value(limit.tokensPerMonth)}</td>
                  <td className="py-1.5">{value(limit.costPerMonth, dollars)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PageSection>
      <PageSection id="model-prices" title={t("admin.prices.title")} look="card">
        <p className="text-ink-muted text-sm">{t("admin.prices.description")}</p>
        {limits.models.map((model) => (
          <ModelPriceForm key={model.id} modelId={model.id} label={model.label} prices={model.prices} />
        ))}
      </PageSection>
      <PageSection id="all-api-keys" title={t("admin.api.keys")} look="card">
        {keys.length === 0 ? (
          <p className="text-ink-muted text-sm">{t("admin.api.noKeys")}</p>
        ) : (
          <ApiKeyTable
            keys={keys.map((key) => ({ ...key, owner: key.user.email }))}
            caption={t("admin.api.keys")}
            revokeUrlPrefix="/api/admin/api-keys/"
          />
        )}
      </PageSection>
    </div>
  );
}
