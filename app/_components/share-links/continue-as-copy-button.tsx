"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { useTranslator } from "@/app/_i18n/translator-provider";

const copySchema = z.object({ id: z.string() });

// "Continue as my copy" on a shared snapshot: the visitor gets a private conversation with its messages.
export function ContinueAsCopyButton({ token }: { token: string }) {
  const translator = useTranslator();
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function copy(): Promise<void> {
    setIsPending(true);
    setError(null);
    const result = await requestJson(`/api/share/${encodeURIComponent(token)}/copy`, copySchema, {
      method: "POST",
      body: "{}",
    });
    if (result.isOk) return router.push(`/c/${encodeURIComponent(result.data.id)}`);
    setIsPending(false);
    setError(describeError(result.error, translator));
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        disabled={isPending}
        className="bg-ink text-canvas rounded-full px-4 py-2 text-sm font-medium hover:opacity-90 disabled:opacity-50"
      >
        {isPending ? translator.t("share.page.copying") : translator.t("share.page.continueAsCopy")}
      </button>
      {error ? (
        <p role="alert" className="text-danger text-sm">
          {error}
        </p>
      ) : null}
    </>
  );
}
