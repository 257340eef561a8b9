"use client";

import { useId, useState } from "react";
import { z } from "zod";
import { useMutation } from "@/app/_components/api/use-mutation";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminProvider } from "./admin-types";

const listedModelsSchema = z.union([
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

type ModelSourceFieldsProps = {
  providers: AdminProvider[];
  providerId: string;
  onProviderChange: (providerId: string) => void;
  onNameChange: (upstreamName: string) => void;
};

// Where a new model comes from: its provider, and its name there, typed or picked from what the provider lists.
// The form remounts after each added model, which empties the list.
export function ModelSourceFields({ providers, providerId, onProviderChange, onNameChange }: ModelSourceFieldsProps) {
  const { t } = useTranslator();
  const listing = useMutation();
  const [listed, setListed] = useState<string[]>([]);
  const [listingProblem, setListingProblem] = useState<string | null>(null);
  const listId = useId();

  async function loadModels(): Promise<void> {
    setListingProblem(null);
    const url = `/api/admin/providers/${providerId}/test`;
    const result = await listing.run({ url, method: "POST" }, listedModelsSchema);
    if (!result) return;
    if (result.ok) setListed(result.models);
    else setListingProblem(result.reason);
  }

  const listingStatus =
    listing.error || listingProblem ? (
      <InlineAlert message={listing.error ?? listingProblem} />
    ) : listed.length > 0 ? (
      <p role="status" className="text-ink-muted text-xs">
        {t("admin.model.listed", { count: listed.length })}
      </p>
    ) : null;

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={t("admin.model.provider")}
        value={providerId}
        onChange={(event) => onProviderChange(event.target.value)}
        after={
          <>
            <Button
              variant="bordered"
              onClick={() => void loadModels()}
              disabled={!providerId || listing.isPending}
              className="self-start"
            >
              {listing.isPending ? t("common.loading") : t("admin.model.loadModels")}
            </Button>
            {listingStatus}
          </>
        }
      >
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name}
          </option>
        ))}
      </SelectField>
      <div>
        <FormField
          label={t("admin.model.upstreamName")}
          name="upstreamName"
          required
          list={listId}
          autoComplete="off"
          placeholder="gpt-4o-mini"
          onChange={(event) => onNameChange(event.target.value)}
        />
        <datalist id={listId}>
          {listed.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
    </div>
  );
}
