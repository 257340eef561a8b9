"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ApiResult, describeError, requestJson } from "./api-client";
import { performMutation } from "./mutation";

export type MutationRequest = { url: string; method: "POST" | "PATCH" | "PUT" | "DELETE"; body?: unknown };

export type MutationOptions = {
  /** Refresh the server-rendered page after a success (the default), for pages that show what changed. */
  refreshesPage?: boolean;
  /** Keep `isPending` after a success: the caller goes to another page. */
  leavesPage?: boolean;
};

/**
 * The one way a component changes something on the server: `run` sends a JSON request (or `send` any typed
 * request), keeps `isPending` while it runs and `error` (for the user) when it fails, and resolves to the answer,
 * or null on failure. `showError` puts a message of the form's own (a check before sending) in the same place.
 */
export function useMutation({ refreshesPage = true, leavesPage = false }: MutationOptions = {}) {
  const translator = useTranslator();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  function send<T>(request: () => Promise<ApiResult<T>>): Promise<T | null> {
    return performMutation(request, {
      setPending: setIsPending,
      setError,
      describeFailure: (apiError) => describeError(apiError, translator),
      onSuccess: refreshesPage ? () => router.refresh() : undefined,
      staysPendingOnSuccess: leavesPage,
    });
  }

  function run<T = unknown>({ url, method, body }: MutationRequest, schema?: z.ZodType<T>): Promise<T | null> {
    const init = { method, body: body === undefined ? undefined : JSON.stringify(body) };
    return send(() => requestJson(url, schema ?? (z.unknown() as z.ZodType<T>), init));
  }

  return { run, send, error, isPending, showError: setError, clearError: () => setError(null) };
}
