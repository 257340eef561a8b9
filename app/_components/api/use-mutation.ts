"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { useTranslator } from "@/app/_i18n/translator-provider";

type ActionRequest = { url: string; method: "POST" | "PATCH" | "PUT" | "DELETE"; body?: unknown };

// One API call that changes something, from a form or button: its error for the form, then the server-rendered page refreshed.
export function useMutation() {
  const translator = useTranslator();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function run<T = unknown>({ url, method, body }: ActionRequest, schema?: z.ZodType<T>): Promise<T | null> {
    setIsPending(true);
    setError(null);
    const result = await requestJson(url, schema ?? z.unknown(), {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    setIsPending(false);
    if (!result.isOk) {
      setError(describeError(result.error, translator));
      return null;
    }
    router.refresh();
    return result.data as T;
  }

  return { run, error, isPending, clearError: () => setError(null) };
}
