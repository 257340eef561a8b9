"use client";

import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { GITHUB_ISSUER } from "@/lib/sso/github-app";
import { FIELDS_WITH_ERRORS, type SsoProviderDefaults, SsoProviderFields, sharedFieldsOf } from "./sso-provider-fields";
import { filledMappings } from "./sso-provider-form";
import type { TeamMappingRow } from "./sso-team-mapping-rows";
import { StaleReloadButton } from "./stale-reload-button";
import { type LoadedVersionReload, useLoadedVersion } from "./use-loaded-version";

export type SsoProviderView = SsoProviderDefaults & {
  id: string;
  slug: string;
  issuer: string;
  teamMappings: TeamMappingRow[];
  version: number;
};

type SsoProviderEditFormProps = {
  provider: SsoProviderView;
  teams: { id: string; name: string }[];
  onDone: () => void;
};

/** Edits a provider in place; the short name and the issuer stay (they name the redirect URL and the identities). */
export function SsoProviderEditForm({ provider: latest, teams, onDone }: SsoProviderEditFormProps) {
  const { loaded, reload } = useLoadedVersion(latest, "admin.sso.deletedMeanwhile");
  // A reloaded provider starts the form afresh: its fields, its team mappings, and no refusal.
  return <LoadedEditForm key={loaded.version} provider={loaded} teams={teams} onDone={onDone} reload={reload} />;
}

function LoadedEditForm({
  provider,
  teams,
  onDone,
  reload,
}: SsoProviderEditFormProps & { reload: LoadedVersionReload }) {
  const { t } = useTranslator();
  const { run, isPending, errorCode, fieldError, errorApartFrom, formProps } = useFormOutcome();
  const [mappings, setMappings] = useState<TeamMappingRow[]>(provider.teamMappings);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const clientSecret = String(form.get("clientSecret") ?? "");
    const body = {
      ...sharedFieldsOf(form),
      ...(clientSecret ? { clientSecret } : {}),
      teamMappings: filledMappings(mappings),
      expectedVersion: provider.version,
    };
    if (await run({ url: `/api/admin/sso-providers/${provider.id}`, method: "PATCH", body })) onDone();
  }

  return (
    <form
      aria-label={t("admin.sso.editTitle", { label: provider.label })}
      onSubmit={(event) => void handleSubmit(event)}
      {...formProps}
      className="flex w-full flex-col gap-3 pt-2"
    >
      <SsoProviderFields
        defaults={provider}
        teams={teams}
        mappings={mappings}
        onMappingsChange={setMappings}
        isGitHub={provider.issuer === GITHUB_ISSUER}
        fieldError={fieldError}
        secretField={
          <FormField
            label={t("admin.sso.newClientSecret")}
            name="clientSecret"
            type="password"
            autoComplete="off"
            hint={t("admin.sso.newClientSecretHint")}
          />
        }
      />
      <InlineAlert message={errorApartFrom(FIELDS_WITH_ERRORS)} />
      <StaleReloadButton reload={reload} errorCode={errorCode} />
      <div className="flex gap-2">
        <SubmitButton label={t("admin.sso.save")} isPending={isPending} />
        <button type="button" onClick={onDone} className="border-line rounded-xl border px-3.5 py-2 text-sm">
          {t("admin.sso.cancel")}
        </button>
      </div>
    </form>
  );
}
