import type { Metadata } from "next";
import { DeletedWhileEditingNotice } from "@/app/_components/admin/deleted-while-editing";
import { ProviderCard } from "@/app/_components/admin/provider-card";
import { ProviderForm } from "@/app/_components/admin/provider-form";
import { PageSection } from "@/app/_components/ui/page-section";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/db/providers";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.providers") };
}

export default async function ProvidersPage() {
  // Checked by the page itself: a layout renders in parallel with its page, so its check alone would not keep
  // the page's data out of the response.
  await requirePageAdmin();
  const [providers, { t }] = await Promise.all([listProviders(), getTranslator()]);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("admin.providers")}</h1>
        <p className="text-ink-muted mt-1 text-sm">{t("admin.providersIntro")}</p>
      </div>
      <DeletedWhileEditingNotice>
        <ul className="flex flex-col gap-3" aria-label={t("admin.providers")}>
          {providers.map(({ createdAt: _createdAt, ...provider }) => (
            <ProviderCard key={provider.id} provider={provider} />
          ))}
        </ul>
      </DeletedWhileEditingNotice>
      <PageSection id="new-provider" title={t("admin.provider.addHeading")} look="card">
        <ProviderForm />
      </PageSection>
    </div>
  );
}
