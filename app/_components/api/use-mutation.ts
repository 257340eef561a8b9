"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ApiResult, describeError, describeFieldIssue, requestJson } from "./api-client";
import { performMutation } from "./mutation";
import type { ApiError } from "./types";

export type MutationRequest = { url: string; method: "POST" | "PATCH" | "PUT" | "DELETE"; body?: unknown };

export type MutationOptions = {
  /** Refresh the server-rendered page after a success (the default), for pages that show what changed. */
  refreshesPage?: boolean;
  /** Keep `isPending` after a success: the caller goes to another page. */
  leavesPage?: boolean;
};

const isOnField = (issue: NonNullable<ApiError["issues"]>[number], names: string[]) =>
  names.includes(String(issue.path[0]));

/**
 * The one way a component changes something on the server: `run` sends a JSON request (or `send` any typed
 * request), keeps `isPending` while it runs and `error` (for the user, in their language) when it fails, and
 * resolves to the answer, or null on failure. `showError` puts a message of the form's own (a check before sending)
 * in the same place. A form that shows a field's issue under the field reads it with `fieldError`, and the rest
 * with `errorApartFrom`.
 */
export function useMutation({ refreshesPage = true, leavesPage = false }: MutationOptions = {}) {
  const translator = useTranslator();
  const router = useRouter();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [ownError, setOwnError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  function send<T>(request: () => Promise<ApiResult<T>>): Promise<T | null> {
    setOwnError(null);
    return performMutation(request, {
      setPending: setIsPending,
      setFailure,
      onSuccess: refreshesPage ? () => router.refresh() : undefined,
      staysPendingOnSuccess: leavesPage,
    });
  }

  function run<T = unknown>({ url, method, body }: MutationRequest, schema?: z.ZodType<T>): Promise<T | null> {
    const init = { method, body: body === undefined ? undefined : JSON.stringify(body) };
    return send(() => requestJson(url, schema ?? (z.unknown() as z.ZodType<T>), init));
  }

  /** The last failure's issue with the field `name`, in words, to show under it. */
  function fieldError(name: string): string | undefined {
    const issue = failure?.issues?.find((candidate) => isOnField(candidate, [name]));
    return (issue && describeFieldIssue(issue, translator)) ?? undefined;
  }

  /** The error without the issues the form shows under `names` (their fields say them). */
  function errorApartFrom(names: string[]): string | null {
    if (ownError !== null || failure === null) return ownError;
    const rest = failure.issues?.filter((issue) => !isOnField(issue, names) || !fieldError(String(issue.path[0])));
    return describeError({ ...failure, issues: rest?.length ? rest : undefined }, translator);
  }

  function clearError(): void {
    setFailure(null);
    setOwnError(null);
  }

  const error = ownError ?? (failure ? describeError(failure, translator) : null);
  // For a form that offers a way out of one refusal (a stale edit's "Reload").
  const errorCode = ownError === null ? (failure?.code ?? null) : null;
  return { run, send, error, errorCode, isPending, showError: setOwnError, clearError, fieldError, errorApartFrom };
}
