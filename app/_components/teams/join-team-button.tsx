"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { useMutation } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";

const joinedSchema = z.object({ teamId: z.string() });

export function JoinTeamButton({ token, teamName }: { token: string; teamName: string }) {
  const { t } = useTranslator();
  const router = useRouter();
  const { run, error, isPending } = useMutation({ refreshesPage: false, leavesPage: true });

  async function join(): Promise<void> {
    const joined = await run({ url: `/api/invitations/${token}/accept`, method: "POST" }, joinedSchema);
    if (joined) router.push(`/teams/${joined.teamId}`);
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
        {t("invite.join", { team: teamName })}
      </button>
    </div>
  );
}
