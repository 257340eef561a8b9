"use client";

import { type FormEvent, useState } from "react";
import { useMutation } from "@/app/_components/api/use-mutation";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

const OIDC_SCOPES = "openid email profile";

// Known issuers: a preset fills in the issuer URL, scopes and the button's label; the admin adds the client's id and
// secret. GitHub is an OAuth app, not OpenID: its issuer is what tells Parley so (lib/sso/github.ts).
const PRESETS = [
  { id: "google", label: "Google", issuer: "https://accounts.google.com", scopes: OIDC_SCOPES },
  { id: "entra", label: "Microsoft", issuer: "https://login.microsoftonline.com/TENANT-ID/v2.0", scopes: OIDC_SCOPES },
  { id: "gitlab", label: "GitLab", issuer: "https://gitlab.com", scopes: OIDC_SCOPES },
  { id: "github", label: "GitHub", issuer: "https://github.com", scopes: "read:user user:email" },
] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

function bodyOf(form: FormData) {
  const optional = (name: string) => text(form, name) || undefined;
  return {
    slug: text(form, "slug"),
    label: text(form, "label"),
    issuer: text(form, "issuer"),
    clientId: text(form, "clientId"),
    clientSecret: String(form.get("clientSecret") ?? ""),
    scopes: optional("scopes"),
    allowLinking: form.get("allowLinking") === "on",
    allowedDomains: optional("allowedDomains"),
    adminGroup: optional("adminGroup"),
  };
}

/** Adds an OpenID provider; its issuer must answer discovery, which the server checks before saving. */
export function SsoProviderForm() {
  const { t } = useTranslator();
  const { run, error, isPending } = useMutation();
  const [preset, setPreset] = useState({ label: "", issuer: "", slug: "", scopes: OIDC_SCOPES });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const body = bodyOf(new FormData(formElement));
    if (await run({ url: "/api/admin/sso-providers", method: "POST", body })) formElement.reset();
  }

  return (
    <form key={preset.slug} onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{t("admin.sso.presets")}</span>
        {PRESETS.map((known) => (
          <button
            key={known.id}
            type="button"
            onClick={() => setPreset({ ...known, slug: known.id })}
            className="border-line hover:bg-hover rounded-lg border px-2.5 py-1"
          >
            {known.label}
          </button>
        ))}
      </div>
      <FormField label={t("admin.sso.label")} name="label" required defaultValue={preset.label} />
      <FormField
        label={t("admin.sso.slug")}
        name="slug"
        required
        defaultValue={preset.slug}
        hint={t("admin.sso.slugHint")}
      />
      <FormField label={t("admin.sso.issuer")} name="issuer" type="url" required defaultValue={preset.issuer} />
      <FormField label={t("admin.sso.clientId")} name="clientId" required autoComplete="off" />
      <FormField label={t("admin.sso.clientSecret")} name="clientSecret" type="password" required autoComplete="off" />
      <FormField label={t("admin.sso.scopes")} name="scopes" defaultValue={preset.scopes} />
      <FormField label={t("admin.sso.allowedDomains")} name="allowedDomains" hint={t("admin.sso.allowedDomainsHint")} />
      <FormField
        label={t("admin.sso.adminGroup")}
        name="adminGroup"
        hint={t(preset.slug === "github" ? "admin.sso.githubNoGroups" : "admin.sso.adminGroupHint")}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allowLinking" className="size-4" />
        {t("admin.sso.allowLinking")}
      </label>
      <InlineAlert message={error} />
      <SubmitButton label={t("admin.sso.add")} isPending={isPending} />
    </form>
  );
}
