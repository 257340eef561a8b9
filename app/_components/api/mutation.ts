import type { ApiResult } from "./api-client";
import type { ApiError } from "./types";

// The steps of one change sent to the server, apart from React so that they can be tested: pending while it runs,
// the previous failure cleared first, the new one kept (to be described for the user) on failure.
export type MutationHandlers = {
  setPending: (isPending: boolean) => void;
  setFailure: (error: ApiError | null) => void;
  onSuccess?: () => void;
  /** Stay pending after a success, for a change that leaves the page (the button stays disabled meanwhile). */
  staysPendingOnSuccess?: boolean;
};

export async function performMutation<T>(
  send: () => Promise<ApiResult<T>>,
  { setPending, setFailure, onSuccess, staysPendingOnSuccess = false }: MutationHandlers,
): Promise<T | null> {
  setPending(true);
  setFailure(null);
  const result = await send();
  if (!result.isOk || !staysPendingOnSuccess) setPending(false);
  if (!result.isOk) {
    setFailure(result.error);
    return null;
  }
  onSuccess?.();
  return result.data;
}
