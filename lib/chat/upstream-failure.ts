// Why a model call failed, by category and HTTP status: what an admin needs to fix it (a rejected key, an unknown
// model name), and never the provider's own error text, which can echo keys. Only admins are told (see
// LiveReply.publish); everyone else gets the generic message.
import { AppError } from "../errors";

export type UpstreamCategory =
  | "unreachable"
  | "timed_out"
  | "key_rejected"
  | "model_unknown"
  | "rate_limited"
  | "provider_error"
  | "request_rejected"
  | "stream_broken";

export type UpstreamDiagnosis = { category: UpstreamCategory; status: number | null };

export class UpstreamFailure extends AppError {
  readonly diagnosis: UpstreamDiagnosis;

  constructor(message: string, diagnosis: UpstreamDiagnosis, cause?: unknown) {
    super("upstream_error", message, { cause });
    this.diagnosis = diagnosis;
  }
}

/** A stream that ended without a finish reason: the provider or a proxy between cut it short. */
export function cutOffFailure(): UpstreamFailure {
  const diagnosis = { category: "stream_broken", status: null } as const;
  return new UpstreamFailure("The reply was cut off.", diagnosis, "stream ended without finish reason");
}

export function categoryOfStatus(status: number): UpstreamCategory {
  if (status === 401 || status === 403) return "key_rejected";
  if (status === 404) return "model_unknown";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "provider_error" : "request_rejected";
}

const EXPLANATIONS: Record<UpstreamCategory, string> = {
  unreachable: "Parley could not connect to the provider",
  timed_out: "The provider did not answer in time",
  key_rejected: "The provider rejected the API key",
  model_unknown: "The provider does not know this model name",
  rate_limited: "The provider is limiting requests",
  provider_error: "The provider had a server error",
  request_rejected: "The provider rejected the request",
  stream_broken: "The provider's answer broke off or reported an error",
};

/** The sentence an admin reads, e.g. "The provider rejected the API key (HTTP 401)." */
export function explainForAdmins({ category, status }: UpstreamDiagnosis): string {
  return `${EXPLANATIONS[category]}${status === null ? "" : ` (HTTP ${status})`}.`;
}
