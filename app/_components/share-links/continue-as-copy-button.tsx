"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { useMutation } from "@/app/_components/api/use-mutation";
import { Button } from "@/app/_components/ui/button";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";

const copySchema = z.object({ id: z.string() });

// "Continue as my copy" on a shared snapshot: the visitor gets a private conversation with its messages.
export function ContinueAsCopyButton({ token }: { token: string }) {
  const { t } = useTranslator();
  const router = useRouter();
  const { send, error, isPending } = useMutation({ refreshesPage: false, leavesPage: true });

  async function copy(): Promise<void> {
    const copied = await send(() =>
      requestJson(`/api/share/${encodeURIComponent(token)}/copy`, copySchema, { method: "POST", body: "{}" }),
    );
    if (copied) router.push(`/c/${encodeURIComponent(copied.id)}`);
  }

  return (
    <>
      <Button variant="primary" onClick={() => void copy()} isPending={isPending}>
        {isPending ? t("share.page.copying") : t("share.page.continueAsCopy")}
      </Button>
      <InlineAlert message={error} />
    </>
  );
}
