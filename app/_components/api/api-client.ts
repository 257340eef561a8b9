import type { z } from "zod";
import { isMessageKey, type MessageKey } from "@/app/_i18n/messages-en";
import type { Translator } from "@/app/_i18n/translator";
import { isGeneralRule } from "@/lib/http/issue-rules";
import { parseRetryAfterMs } from "@/lib/http/retry-after";
import { apiErrorSchema } from "./schemas";
import type { ApiError } from "./types";
import { describeUsageLimit } from "./usage-limit-message";

// A failure carries the wait the server asked for (its Retry-After), when it asked for one.
export type ApiResult<T> =
  | { isOk: true; status: number; data: T }
  | { isOk: false; status: number; error: ApiError; retryAfterMs?: number };

// The labels of the fields the server names in `issues` (the last part of an issue's path), as the forms show them.
// Only names that mean one thing across the forms (`name` is a person's, a team's, a key's or a provider's).
const FIELD_LABELS: Record<string, MessageKey | undefined> = {
  email: "account.email",
  password: "account.password",
  currentPassword: "accountSettings.currentPassword",
  newPassword: "accountSettings.newPassword",
  baseUrl: "admin.provider.baseUrl",
  apiKey: "admin.provider.apiKey",
  apiVersion: "admin.provider.apiVersion",
  upstreamName: "admin.model.upstreamName",
  label: "admin.model.label",
  contextWindow: "admin.model.contextWindow",
  systemPrompt: "admin.model.systemPrompt",
  temperature: "parameters.temperature",
  topP: "parameters.topP",
  maxOutputTokens: "parameters.maxOutputTokens",
  minTemperature: "admin.model.lowestTemperature",
  maxTemperature: "admin.model.highestTemperature",
  issuer: "admin.sso.issuer",
  allowedDomains: "admin.sso.allowedDomains",
  requestsPerMinute: "admin.api.rate",
  tokensPerDay: "admin.limits.tokensPerDay",
  tokensPerMonth: "admin.limits.tokensPerMonth",
  costPerMonth: "admin.limits.costPerMonth",
  inputPerMillion: "admin.prices.input",
  outputPerMillion: "admin.prices.output",
  fileMegabytes: "attachments.admin.fileMegabytes",
  filesPerMessage: "attachments.admin.filesPerMessage",
  messageMegabytes: "attachments.admin.messageMegabytes",
  storageMegabytes: "attachments.admin.storageMegabytes",
  maxUses: "teams.invite.maxUses",
};

const GENERIC_ERROR: ApiError = { code: "internal", message: "Something went wrong. Please try again." };
export const NETWORK_ERROR: ApiError = {
  code: "network",
  message: "Could not reach the server. Check your connection.",
};

/**
 * The error of an answer that is not Parley's JSON: a proxy in front of Parley answered instead (nginx's HTML page
 * for a body over its `client_max_body_size`, or for a process it could not reach).
 */
export function errorOfProxyAnswer(status: number): ApiError {
  if (status === 413) {
    return {
      code: "proxy_too_large",
      message: "This is larger than the server in front of Parley accepts. Ask an admin to raise its limit.",
    };
  }
  if (status === 502 || status === 503 || status === 504) {
    return { code: "proxy_unreachable", message: "The server did not answer. Try again in a moment." };
  }
  return GENERIC_ERROR;
}

export async function readApiError(response: Response): Promise<ApiError> {
  try {
    const parsed = apiErrorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error : GENERIC_ERROR;
  } catch {
    return errorOfProxyAnswer(response.status);
  }
}

// Calls a JSON endpoint of our own API; every failure, the network included, comes back as an ApiError.
export async function requestJson<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, withJsonHeaders(init));
  } catch {
    return { isOk: false, status: 0, error: NETWORK_ERROR };
  }
  if (!response.ok) {
    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after")) ?? undefined;
    return { isOk: false, status: response.status, error: await readApiError(response), retryAfterMs };
  }
  if (response.status === 204) return { isOk: true, status: 204, data: schema.parse(undefined) };
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return { isOk: false, status: response.status, error: GENERIC_ERROR };
  return { isOk: true, status: response.status, data: parsed.data };
}

function withJsonHeaders(init: RequestInit | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set("Accept", "application/json");
  if (init?.body !== undefined) headers.set("Content-Type", "application/json");
  return { ...init, headers };
}

type Issue = NonNullable<ApiError["issues"]>[number];

const fieldLabelOf = (issue: Issue) => FIELD_LABELS[String(issue.path.at(-1))];

/**
 * What to show under the field an issue is about, in the reader's language: the server's words in English, its
 * rule's sentence in another (null when it has no rule).
 */
export function describeFieldIssue(issue: Issue, { locale, t }: Translator): string | null {
  if (locale === "en") return issue.message;
  const key = `issues.${issue.rule}`;
  return isMessageKey(key) ? t(key, issue.values) : null;
}

/**
 * One field's issue in the reader's language (describeFieldIssue), after the form's label for the field when that
 * is known and the words are just a general rule's sentence ("Fill this in."; the server's own words, and the
 * sentences of Parley's own checks, say what they are about). In another language, an invalid input's issue with
 * no rule names its field ("Check …"), or is left to the error's code (null).
 */
function describeIssue(issue: Issue, translator: Translator, isInvalidInput: boolean): string | null {
  const { t } = translator;
  const field = fieldLabelOf(issue);
  const problem = describeFieldIssue(issue, translator);
  if (problem === null) return field && isInvalidInput ? t("errors.invalidField", { field: t(field) }) : null;
  const key = `issues.${issue.rule}`;
  const isRuleSentence = isGeneralRule(issue.rule) && isMessageKey(key) && problem === t(key, issue.values);
  return field && isRuleSentence ? t("errors.fieldIssue", { field: t(field), problem }) : problem;
}

// The server's messages are English. In English its own words are the clearest (the field at fault is named in
// `issues`); in another language an issue's rule, or else the error's code, picks a translated sentence, which names
// the field at fault when the form's label for it is known.
export function describeError(error: ApiError, translator: Translator): string {
  const { locale, t } = translator;
  const usageLimit = describeUsageLimit(error, translator);
  if (usageLimit) return usageLimit;
  if (locale !== "en") {
    const isInvalidInput = error.code === "invalid_input";
    const worded = (error.issues ?? []).map((issue) => describeIssue(issue, translator, isInvalidInput));
    // Each field once: "Check …" may come from several issues of one field.
    const sentences = [...new Set(worded.filter((sentence) => sentence !== null))];
    if (sentences.length > 0) return sentences.join(" ");
    const tooLong = error.code === "context_overflow" ? error.details : undefined;
    if (tooLong?.messageTokens !== undefined && tooLong.budget !== undefined) {
      const tokens = tooLong.requiredTokens ?? tooLong.messageTokens + (tooLong.systemTokens ?? 0);
      return t("errors.contextOverflowCounts", { tokens, available: Math.max(tooLong.budget, 0) });
    }
    const key = `errors.${error.code}`;
    return t(isMessageKey(key) ? key : "errors.internal");
  }
  const issues = error.issues?.map((issue) => describeIssue(issue, translator, false)) ?? [];
  return issues.length > 0 ? issues.join(" ") : error.message;
}
