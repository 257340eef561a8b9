"use client";

import { type FormEvent, useRef, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { GITHUB_ISSUER, GITHUB_SCOPES, isGitHubIssuer } from "@/lib/sso/github-app";
import { FIELDS_WITH_ERRORS, SsoProviderFields, sharedFieldsOf } from "./sso-provider-fields";
import type { TeamMappingRow } from "./sso-team-mapping-rows";

const OIDC_SCOPES = "openid email profile";

// Known issuers: a preset fills in the issuer URL and scopes, and the short name and button label while they are empty
// or still the previous preset's; the admin adds the client's id and secret. GitHub is an OAuth app, not OpenID: its
// issuer is what tells Parley so (lib/sso/github.ts).
const PRESETS = [
  { id: "google", label: "Google", issuer: "https://accounts.google.com", scopes: OIDC_SCOPES },
  { id: "entra", label: "Microsoft", issuer: "https://login.microsoftonline.com/TENANT-ID/v2.0", scopes: OIDC_SCOPES },
  { id: "gitlab", label: "GitLab", issuer: "https://gitlab.com", scopes: OIDC_SCOPES },
  { id: "github", label: "GitHub", issuer: GITHUB_ISSUER, scopes: GITHUB_SCOPES },
] as const;

type Preset = (typeof PRESETS)[number];

/**
 * What a preset writes into the form: what it knows (issuer, scopes), and the short name and label only where they
 * are empty or still say what the previous preset put there. It leaves every other field as the admin typed it (the
 * form is not remounted).
 */
function presetValues(typed: { slug: string; label: string }, previous: Preset | null, preset: Preset) {
  const isUntouched = (value: string, previousValue: string | undefined) =>
    value.trim() === "" || value === previousValue;
  return {
    slug: isUntouched(typed.slug, previous?.id) ? preset.id : typed.slug,
    label: isUntouched(typed.label, previous?.label) ? preset.label : typed.label,
    issuer: preset.issuer,
    scopes: preset.scopes,
  };
}

function fillInPreset(form: HTMLFormElement, previous: Preset | null, preset: Preset): void {
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const values = presetValues({ slug: input("slug").value, label: input("label").value }, previous, preset);
  for (const [name, value] of Object.entries(values)) input(name).value = value;
}

const NEW_PROVIDER = {
  label: "",
  clientId: "",
  scopes: OIDC_SCOPES,
  allowLinking: false,
  allowedDomains: null,
  adminGroup: null,
};

/** Rows whose group is left empty are dropped: an unfinished row is not a mapping. */
export const filledMappings = (rows: TeamMappingRow[]) => rows.filter((row) => row.group.trim() && row.teamId);

function bodyOf(form: FormData, mappings: TeamMappingRow[]) {
  const { allowedDomains, adminGroup, ...shared } = sharedFieldsOf(form);
  return {
    ...shared,
    slug: String(form.get("slug") ?? "").trim(),
    issuer: String(form.get("issuer") ?? "").trim(),
    clientSecret: String(form.get("clientSecret") ?? ""),
    allowedDomains: allowedDomains || undefined,
    adminGroup: adminGroup || undefined,
    teamMappings: filledMappings(mappings),
  };
}

/** Adds an OpenID provider; its issuer must answer discovery, which the server checks before saving. */
export function SsoProviderForm({ teams }: { teams: { id: string; name: string }[] }) {
  const { t } = useTranslator();
  const { run, isPending, fieldError, errorApartFrom, formProps } = useFormOutcome();
  const formRef = useRef<HTMLFormElement>(null);
  // The preset last filled in, and the issuer as it is now (the GitHub hint follows it).
  const [preset, setPreset] = useState<Preset | null>(null);
  const [issuer, setIssuer] = useState("");
  const [mappings, setMappings] = useState<TeamMappingRow[]>([]);

  function choosePreset(chosen: Preset): void {
    if (formRef.current) fillInPreset(formRef.current, preset, chosen);
    setPreset(chosen);
    setIssuer(chosen.issuer);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const body = bodyOf(new FormData(formElement), mappings);
    if (!(await run({ url: "/api/admin/sso-providers", method: "POST", body }))) return;
    formElement.reset();
    setPreset(null);
    setIssuer("");
    setMappings([]);
  }

  return (
    <form ref={formRef} onSubmit={(event) => void handleSubmit(event)} {...formProps} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{t("admin.sso.presets")}</span>
        {PRESETS.map((known) => (
          <button
            key={known.id}
            type="button"
            onClick={() => choosePreset(known)}
            className="border-line hover:bg-hover rounded-lg border px-2.5 py-1"
          >
            {known.label}
          </button>
        ))}
      </div>
      <FormField label={t("admin.sso.slug")} name="slug" required hint={t("admin.sso.slugHint")} />
      <FormField
        label={t("admin.sso.issuer")}
        name="issuer"
        type="url"
        required
        onChange={(event) => setIssuer(event.target.value)}
      />
      <SsoProviderFields
        defaults={NEW_PROVIDER}
        teams={teams}
        mappings={mappings}
        onMappingsChange={setMappings}
        isGitHub={isGitHubIssuer(issuer.trim())}
        fieldError={fieldError}
        secretField={
          <FormField
            label={t("admin.sso.clientSecret")}
            name="clientSecret"
            type="password"
            required
            autoComplete="off"
          />
        }
      />
      <InlineAlert message={errorApartFrom(FIELDS_WITH_ERRORS)} />
      <SubmitButton label={t("admin.sso.add")} isPending={isPending} />
    </form>
  );
}
