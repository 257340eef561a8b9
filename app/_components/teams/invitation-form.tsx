"use client";

import { type FormEvent, useId, useState } from "react";
import { z } from "zod";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { useAdminAction } from "../admin/use-admin-action";
import { FormAlert } from "../form-alert";
import { FormField } from "../form-field";
import { LinkField } from "../link-field";
import { SubmitButton } from "../submit-button";

const createdSchema = z.object({ path: z.string() });

// The link is in the server's answer only once (it keeps just a hash), so it is shown here, ready to copy.
export function InvitationForm({ teamId }: { teamId: string }) {
  const { t } = useTranslator();
  const roleId = useId();
  const { run, error, isPending } = useAdminAction();
  const [link, setLink] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setLink(null);
    const form = new FormData(event.currentTarget);
    const maxUses = String(form.get("maxUses") ?? "").trim();
    const body = {
      role: form.get("role"),
      expiresInDays: Number(form.get("expiresInDays")),
      maxUses: maxUses === "" ? null : Number(maxUses),
    };
    const created = await run({ url: `/api/teams/${teamId}/invitations`, method: "POST", body }, createdSchema);
    if (created) setLink(`${window.location.origin}${created.path}`);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={roleId} className="font-medium text-sm">
            {t("teams.invite.role")}
          </label>
          <select
            id={roleId}
            name="role"
            defaultValue="EDITOR"
            className="rounded-xl border border-line bg-canvas px-3.5 py-2.5 text-base"
          >
            <option value="EDITOR">{t("teams.role.EDITOR")}</option>
            <option value="VIEWER">{t("teams.role.VIEWER")}</option>
            <option value="OWNER">{t("teams.role.OWNER")}</option>
          </select>
        </div>
        <FormField
          label={t("teams.invite.expiresInDays")}
          name="expiresInDays"
          type="number"
          min={1}
          max={30}
          defaultValue={7}
          required
        />
        <FormField
          label={t("teams.invite.maxUses")}
          name="maxUses"
          type="number"
          min={1}
          max={1000}
          hint={t("teams.invite.maxUsesHint")}
        />
      </div>
      <SubmitButton label={t("teams.invite.submit")} isPending={isPending} />
      {link ? (
        <div className="flex flex-col gap-1.5 rounded-xl border border-line bg-sidebar p-3">
          <p className="text-sm">{t("teams.invite.created")}</p>
          <LinkField url={link} label={t("teams.invite.link")} copyLabel={t("teams.invite.copy")} />
        </div>
      ) : null}
    </form>
  );
}
