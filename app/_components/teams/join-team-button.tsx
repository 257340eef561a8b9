"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";

const joinedSchema = z.object({ teamId: z.string() });

export function JoinTeamButton({ token, teamName }: { token: string; teamName: string }) {
  const translator = useTranslator();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function join(): Promise<void> {
    setIsPending(true);
    setError(null);
    const result = await requestJson(`/api/invitations/${token}/accept`, joinedSchema, { method: "POST" });
    if (!result.isOk) {
      setIsPending(false);
      setError(describeError(result.error, translator));
      return;
    }
    router.push(`/teams/${result.data.teamId}`);
  }

  return (
    <div className="flex flex-col gap-3">
      <FormAlert message={error} />
      <button
        type="button"
        onClick={() => void join()}
        disabled={isPending}
        aria-busy={isPending}
        className="bg-ink text-canvas rounded-xl px-4 py-2.5 font-medium hover:opacity-90 disabled:opacity-60"
      >
        {translator.t("invite.join", { team: teamName })}
      </button>
    </div>
  );
}
