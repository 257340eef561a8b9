"use client";

import type { ReactNode } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type TeamMappingRow, TeamMappingRows } from "./sso-team-mapping-rows";

export type SsoProviderDefaults = {
  label: string;
  clientId: string;
  scopes: string;
  allowLinking: boolean;
  allowedDomains: string | null;
  adminGroup: string | null;
};

type SsoProviderFieldsProps = {
  defaults: SsoProviderDefaults;
  teams: { id: string; name: string }[];
  mappings: TeamMappingRow[];
  onMappingsChange: (rows: TeamMappingRow[]) => void;
  isGitHub: boolean;
  /** The add form's required secret or the edit form's optional new one, shown after the client ID. */
  secretField: ReactNode;
  /** What the last save said about a field, shown under it (the allowed domains). */
  fieldError: (name: string) => string | undefined;
};

/** The fields whose refusals show under them; the form's alert says the rest. */
export const FIELDS_WITH_ERRORS = ["allowedDomains"];

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The fields both the add and the edit form send, read from the form. */
export function sharedFieldsOf(form: FormData) {
  return {
    label: text(form, "label"),
    clientId: text(form, "clientId"),
    scopes: text(form, "scopes") || undefined,
    allowLinking: form.get("allowLinking") === "on",
    allowedDomains: text(form, "allowedDomains"),
    adminGroup: text(form, "adminGroup"),
  };
}

/** What the add and the edit form share: label, client id, scopes, sign-up and linking rules, claim mapping. */
export function SsoProviderFields(props: SsoProviderFieldsProps) {
  const { defaults, teams, mappings, onMappingsChange, isGitHub, secretField, fieldError } = props;
  const { t } = useTranslator();
  return (
    <>
      <FormField label={t("admin.sso.label")} name="label" required defaultValue={defaults.label} />
      <FormField
        label={t("admin.sso.clientId")}
        name="clientId"
        required
        autoComplete="off"
        defaultValue={defaults.clientId}
      />
      {secretField}
      <FormField label={t("admin.sso.scopes")} name="scopes" defaultValue={defaults.scopes} />
      <FormField
        label={t("admin.sso.allowedDomains")}
        name="allowedDomains"
        hint={t("admin.sso.allowedDomainsHint")}
        error={fieldError("allowedDomains")}
        defaultValue={defaults.allowedDomains ?? ""}
      />
      <FormField
        label={t("admin.sso.adminGroup")}
        name="adminGroup"
        hint={t(isGitHub ? "admin.sso.githubNoGroups" : "admin.sso.adminGroupHint")}
        defaultValue={defaults.adminGroup ?? ""}
      />
      <TeamMappingRows teams={teams} rows={mappings} onChange={onMappingsChange} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allowLinking" className="size-4" defaultChecked={defaults.allowLinking} />
        {t("admin.sso.allowLinking")}
      </label>
    </>
  );
}
