import type { Metadata } from "next";
import { ProviderCard } from "@/app/_components/admin/provider-card";
import { ProviderForm } from "@/app/_components/admin/provider-form";
import { requirePageAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/db/providers";

export const metadata: Metadata = { title: "Providers" };

export default async function ProvidersPage() {
  // Checked by the page itself: a layout renders in parallel with its page, so its check alone would not keep
  // the page's data out of the response.
  await requirePageAdmin();
  const providers = await listProviders();
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="font-semibold text-2xl">Providers</h1>
        <p className="mt-1 text-ink-muted text-sm">
          Servers that speak the OpenAI Chat Completions protocol. API keys are stored encrypted and shown only by their
          last four characters.
        </p>
      </div>
      <ul className="flex flex-col gap-3" aria-label="Providers">
        {providers.map(({ createdAt: _createdAt, ...provider }) => (
          <ProviderCard key={provider.id} provider={provider} />
        ))}
      </ul>
      <section aria-labelledby="new-provider" className="rounded-2xl border border-line bg-canvas p-5">
        <h2 id="new-provider" className="mb-4 font-medium text-lg">
          Add a provider
        </h2>
        <ProviderForm />
      </section>
    </div>
  );
}
