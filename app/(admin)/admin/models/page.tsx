import type { Metadata } from "next";
import Link from "next/link";
import { DeletedWhileEditingNotice } from "@/app/_components/admin/deleted-while-editing";
import { ModelCard } from "@/app/_components/admin/model-card";
import { ModelForm } from "@/app/_components/admin/model-form";
import { PageSection } from "@/app/_components/ui/page-section";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageAdmin } from "@/lib/auth/session";
import { listModelSettings } from "@/lib/db/model-admin";
import { listProviders } from "@/lib/db/providers";
import { listAllTeams } from "@/lib/db/team-conversations";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.models") };
}

export default async function ModelsPage() {
  // Checked by the page itself: a layout renders in parallel with its page, so its check alone would not keep
  // the page's data out of the response.
  await requirePageAdmin();
  const [models, providerRows, teams, { t }] = await Promise.all([
    listModelSettings(),
    listProviders(),
    listAllTeams(),
    getTranslator(),
  ]);
  const providers = providerRows.map(({ createdAt: _createdAt, ...provider }) => provider);
  // The built-in demo provider serves only its own model: nothing to add to it.
  const addableProviders = providers.filter((provider) => provider.kind !== "DEMO");
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("admin.models")}</h1>
        <p className="text-ink-muted mt-1 text-sm">{t("admin.modelsIntro")}</p>
      </div>
      <DeletedWhileEditingNotice>
        <ul className="flex flex-col gap-3" aria-label={t("admin.models")}>
          {models.map((model) => (
            <ModelCard key={model.id} model={model} providers={providers} teams={teams} />
          ))}
        </ul>
      </DeletedWhileEditingNotice>
      <PageSection id="new-model" title={t("admin.model.addHeading")} look="card">
        {addableProviders.length > 0 ? (
          <ModelForm providers={addableProviders} teams={teams} />
        ) : (
          <p className="text-sm">
            {t("admin.model.needsProvider")}{" "}
            <Link href="/admin/providers" className="underline underline-offset-4">
              {t("admin.provider.addHeading")}
            </Link>
          </p>
        )}
      </PageSection>
    </div>
  );
}
