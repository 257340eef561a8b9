"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { LinkField } from "@/app/_components/ui/link-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

const createdSchema = z.object({
  id: z.string(),
  path: z.string(),
  role: z.enum(["OWNER", "EDITOR", "VIEWER"]),
  expiresAt: z.string(),
  maxUses: z.number().nullable(),
});
type CreatedLink = Omit<z.infer<typeof createdSchema>, "path"> & { url: string };

// A link is in the server's answer only once (it keeps just a hash), so each one made on this visit stays shown
// here, ready to copy and named by its role, until the page is left.
type InvitationFormProps = {
  teamId: string;
  /** The team's links that are not revoked: a link revoked below leaves this list too. */
  listedIds: string[];
};

export function InvitationForm({ teamId, listedIds }: InvitationFormProps) {
  const { t, formatDate } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome();
  const [created, setCreated] = useState<CreatedLink[]>([]);
  const [arrivedId, setArrivedId] = useState<string | null>(null);
  // A new link shows at once, before the refreshed list has it; once listed, leaving the list means it was revoked.
  const everListedRef = useRef(new Set<string>());
  useEffect(() => {
    for (const id of listedIds) everListedRef.current.add(id);
  }, [listedIds]);
  const links = created.filter((link) => listedIds.includes(link.id) || !everListedRef.current.has(link.id));

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maxUses = String(form.get("maxUses") ?? "").trim();
    const body = {
      role: form.get("role"),
      expiresInDays: Number(form.get("expiresInDays")),
      maxUses: maxUses === "" ? null : Number(maxUses),
    };
    const answer = await run({ url: `/api/teams/${teamId}/invitations`, method: "POST", body }, createdSchema);
    if (!answer) return;
    const { path, ...details } = answer;
    setCreated((current) => [{ ...details, url: `${window.location.origin}${path}` }, ...current]);
    setArrivedId(details.id);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label={t("teams.invite.role")} name="role" defaultValue="EDITOR">
          <option value="EDITOR">{t("teams.role.EDITOR")}</option>
          <option value="VIEWER">{t("teams.role.VIEWER")}</option>
          <option value="OWNER">{t("teams.role.OWNER")}</option>
        </SelectField>
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
      {links.length > 0 ? (
        <div className="border-line bg-sidebar flex flex-col gap-3 rounded-xl border p-3">
          <p className="text-sm">{t("teams.invite.created")}</p>
          {links.map((link) => {
            const role = t(`teams.role.${link.role}`);
            const expiry = formatDate(link.expiresAt, { dateStyle: "medium", timeStyle: "short" });
            return (
              <div key={link.url} className="flex flex-col gap-1.5">
                <p className="text-sm">
                  {t("teams.invite.createdSummary", { role, date: expiry })} ·{" "}
                  {link.maxUses === null
                    ? t("teams.invite.noLimit")
                    : t("teams.invite.maxUsesCount", { count: link.maxUses })}
                </p>
                <LinkField
                  url={link.url}
                  label={t("teams.invite.linkFor", { role })}
                  copyLabel={t("teams.invite.copyFor", { role })}
                  isFocusedOnArrival={link.id === arrivedId}
                />
              </div>
            );
          })}
        </div>
      ) : null}
    </form>
  );
}
