"use client";

import { useState } from "react";
import type { z } from "zod";
import type { ApiResult } from "./api-client";
import { type MutationOptions, type MutationRequest, useMutation } from "./use-mutation";

/**
 * useMutation for a form that says how its last submit went: the refusal (`error`) and, for a form that shows it,
 * "Saved" (`isSaved`, set by `save`). Both go once they no longer describe the form (`formProps`, spread on the
 * <form>): when a field changes, and when the browser's own checks stop a submit (a required field empty, a number
 * out of range, a password too short). Such a submit sends nothing, so the last words would otherwise stay beside a
 * form that has changed. A form that checks its fields itself (noValidate) calls `clearOutcome` when it stops.
 */
export function useFormOutcome(options?: MutationOptions) {
  const mutation = useMutation(options);
  const [isSaved, setIsSaved] = useState(false);

  function clearOutcome(): void {
    mutation.clearError();
    setIsSaved(false);
  }

  /** `run` (or `send`, given a typed request), then "Saved" once it succeeded. */
  async function save<T = unknown>(
    request: MutationRequest | (() => Promise<ApiResult<T>>),
    schema?: z.ZodType<T>,
  ): Promise<T | null> {
    setIsSaved(false);
    const result = typeof request === "function" ? await mutation.send(request) : await mutation.run(request, schema);
    setIsSaved(result !== null);
    return result;
  }

  // The invalid event does not bubble: it is caught on its way down, in the capture phase.
  const formProps = { onInvalidCapture: clearOutcome, onChange: clearOutcome };
  return { ...mutation, save, isSaved, clearOutcome, formProps };
}
