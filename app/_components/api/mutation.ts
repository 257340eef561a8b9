import type { ApiResult } from "./api-client";
import type { ApiError } from "./types";

// The steps of one change sent to the server, apart from React so that they can be tested: pending while it runs,
// the previous error cleared first, the new one (described for the user) kept on failure.
export type MutationHandlers = {
  setPending: (isPending: boolean) => void;
  setError: (message: string | null) => void;
  describeFailure: (error: ApiError) => string;
  onSuccess?: () => void;
  /** Stay pending after a success, for a change that leaves the page (the button stays disabled meanwhile). */
  staysPendingOnSuccess?: boolean;
};

export async function performMutation<T>(
  send: () => Promise<ApiResult<T>>,
  { setPending, setError, describeFailure, onSuccess, staysPendingOnSuccess = false }: MutationHandlers,
): Promise<T | null> {
  setPending(true);
  setError(null);
  const result = await send();
  if (!result.isOk || !staysPendingOnSuccess) setPending(false);
  if (!result.isOk) {
    setError(describeFailure(result.error));
    return null;
  }
  onSuccess?.();
  return result.data;
}
