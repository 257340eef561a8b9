"use client";

import type { z } from "zod";
import { type ConfirmRequest, useConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { type MutationOptions, type MutationRequest, useMutation } from "./use-mutation";

/**
 * useMutation for what cannot be undone (delete, revoke, remove): `runConfirmed` asks first, in the app's
 * confirmation dialog, and sends only once confirmed; it resolves to null when cancelled, as when it fails.
 * Render `dialog` once in the component.
 */
export function useConfirmedMutation(options?: MutationOptions) {
  const mutation = useMutation(options);
  const { confirm, dialog } = useConfirmDialog();

  async function runConfirmed<T = unknown>(
    question: ConfirmRequest,
    request: MutationRequest,
    schema?: z.ZodType<T>,
  ): Promise<T | null> {
    if (!(await confirm(question))) return null;
    return mutation.run(request, schema);
  }

  return { ...mutation, runConfirmed, confirm, dialog };
}
