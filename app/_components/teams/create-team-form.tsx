"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

const createdSchema = z.object({ id: z.string() });

// Creating a team makes the creator its owner and opens the new team's page.
export function CreateTeamForm() {
  const translator = useTranslator();
  const { t } = translator;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setIsPending(true);
    setError(null);
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const result = await requestJson("/api/teams", createdSchema, { method: "POST", body: JSON.stringify({ name }) });
    if (!result.isOk) {
      setIsPending(false);
      setError(describeError(result.error, translator));
      return;
    }
    router.push(`/teams/${result.data.id}`);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <FormField label={t("teams.name")} name="name" required maxLength={100} autoComplete="off" />
      <SubmitButton label={t("teams.create.submit")} isPending={isPending} />
    </form>
  );
}
