import type { Metadata } from "next";
import Link from "next/link";
import { ModelCard } from "@/app/_components/admin/model-card";
import { ModelForm } from "@/app/_components/admin/model-form";
import { requirePageAdmin } from "@/lib/auth/session";
import { listModelSettings } from "@/lib/db/model-admin";
import { listProviders } from "@/lib/db/providers";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  // Checked by the page itself: a layout renders in parallel with its page, so its check alone would not keep
  // the page's data out of the response.
  await requirePageAdmin();
  const [models, providerRows] = await Promise.all([listModelSettings(), listProviders()]);
  const providers = providerRows.map(({ createdAt: _createdAt, ...provider }) => provider);
  // The built-in demo provider serves only its own model: nothing to add to it.
  const addableProviders = providers.filter((provider) => provider.kind !== "DEMO");
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="font-semibold text-2xl">Models</h1>
        <p className="mt-1 text-ink-muted text-sm">
          What people chat with. Users see enabled models, the default first. A disabled model answers no one, also not
          in existing conversations.
        </p>
      </div>
      <ul className="flex flex-col gap-3" aria-label="Models">
        {models.map((model) => (
          <ModelCard key={model.id} model={model} providers={providers} />
        ))}
      </ul>
      <section aria-labelledby="new-model" className="rounded-2xl border border-line bg-canvas p-5">
        <h2 id="new-model" className="mb-4 font-medium text-lg">
          Add a model
        </h2>
        {addableProviders.length > 0 ? (
          <ModelForm providers={addableProviders} />
        ) : (
          <p className="text-sm">
            Add a{" "}
            <Link href="/admin/providers" className="underline underline-offset-4">
              provider
            </Link>{" "}
            first.
          </p>
        )}
      </section>
    </div>
  );
}
