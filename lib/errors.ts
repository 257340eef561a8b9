// One error type for everything the app reports to a caller. The code picks the HTTP status; the message is
// safe to show; `cause` keeps the internal detail for the log only.
import type { IssueRule } from "./http/issue-rules";

export const errorStatus = {
  invalid_input: 400,
  context_overflow: 400,
  // A parameter an API caller chose that the model's server refused (lib/chat/upstream.ts).
  unsupported_parameter: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  // A usage limit set for an email or a team that Parley does not have.
  no_such_user_or_team: 404,
  email_taken: 409,
  // Another provider (lib/db/providers.ts), or single sign-on provider (lib/sso/sso-admin.ts), has this name.
  provider_name_taken: 409,
  sso_provider_name_taken: 409,
  // A provider has a model of this name already (lib/db/model-admin.ts).
  model_name_taken: 409,
  // An admin changing or deleting their own account from the console (lib/auth/user-admin.ts).
  own_account: 409,
  // A change the default model forbids: turning it off as the default, deleting it or its provider
  // (lib/models/model-settings.ts, lib/db/providers.ts); another model is made the default instead.
  default_model: 409,
  // A change of the built-in demo provider, or a model added to it (lib/models/providers.ts, lib/db/model-admin.ts).
  demo_provider: 409,
  // What was read has changed meanwhile (two admins making a default at once, the last single sign-on provider
  // deleted while password sign-in was being turned off); reloading shows the change.
  conflict: 409,
  // An edit made on a form loaded from an older version of what it edits (optimistic concurrency): applying it
  // would silently undo the changes made since (lib/db/model-admin.ts).
  stale_version: 409,
  // A change that would leave Parley with no active admin (lib/db/user-admin.ts).
  last_admin: 409,
  // A change that would leave a team with no owner (lib/db/teams.ts).
  last_owner: 409,
  // A change that needs the current password, asked of an account that has none (single sign-on only).
  no_password: 409,
  // A message sent below a reply that is still being written (lib/db/turns.ts).
  reply_in_progress: 409,
  // A pin beyond the most an owner may pin (lib/db/conversations.ts).
  too_many_pins: 409,
  // A turn that could not take its place in the thread: other messages were being added at the same moment
  // (lib/db/turns.ts); trying again works.
  conversation_busy: 409,
  // A message resent with the id of one already stored that can no longer be found as sent (lib/db/turns.ts).
  already_sent: 409,
  // Copying or sharing up to a reply that is still being written.
  reply_still_streaming: 409,
  // A share link asked of a conversation with no message yet.
  nothing_to_share: 409,
  // A personal API key beyond the most a user may have (lib/api-keys/api-keys.ts).
  too_many_keys: 409,
  payload_too_large: 413,
  // Attachments (lib/attachments): a file with nothing in it, a user's stored files over their quota, a file that is
  // not a supported type, a document with no text in it (a scanned PDF), one that cannot be read (damaged, or too
  // large to read).
  empty_file: 400,
  storage_quota_exceeded: 413,
  unsupported_file: 415,
  no_text_found: 415,
  unreadable_file: 415,
  // An import (lib/conversations/import-rows.ts): a file that is no export, a Parley export with values Parley cannot
  // take, or one with nothing in it.
  not_an_export: 400,
  invalid_export: 400,
  nothing_to_import: 400,
  rate_limited: 429,
  // One user's uploads being read at once would hold more than a message may carry (lib/attachments).
  too_many_uploads: 429,
  // One user's documents being read or waiting to be (one at a time) are as many as a message may carry.
  too_many_documents: 429,
  usage_limit_reached: 429,
  model_unavailable: 422,
  upstream_error: 502,
  database_unavailable: 503,
  // This process is shutting down (lib/cluster/drain.ts): another one takes the request.
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * What is wrong with one field. `rule` and `values`, when set, say it for a translation (lib/http/issue-rules.ts):
 * the browser words them in the reader's language, where `message` is English.
 */
export type FieldIssue = {
  path: (string | number)[];
  message: string;
  rule?: IssueRule;
  values?: Record<string, string | number>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  /** Figures safe to show, e.g. the token counts of a context overflow. */
  readonly details?: Record<string, number>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: FieldIssue[]; details?: Record<string, number> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options?.issues;
    this.details = options?.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
