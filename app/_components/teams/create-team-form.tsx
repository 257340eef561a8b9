"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { z } from "zod";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

const createdSchema = z.object({ id: z.string() });

// Creating a team makes the creator its owner and opens the new team's page.
export function CreateTeamForm() {
  const { t } = useTranslator();
  const router = useRouter();
  const { run, error, isPending, formProps } = useFormOutcome({ refreshesPage: false, leavesPage: true });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const created = await run({ url: "/api/teams", method: "POST", body: { name } }, createdSchema);
    if (created) router.push(`/teams/${created.id}`);
  }
  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <FormField label={t("teams.name")} name="name" required maxLength={100} autoComplete="off" />
      <SubmitButton label={t("teams.create.submit")} isPending={isPending} />
    </form>
  );
}
