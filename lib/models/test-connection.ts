// "Test connection": lists the models a provider serves (GET /models) within a timeout. The outcome is told in
// generic words: a provider's own error text can echo the key, so it is neither shown nor logged.
// On Azure OpenAI the call is GET {endpoint}/openai/models?api-version=…: it checks the endpoint, the key and the
// api-version, and lists the models the resource offers. Azure's data plane has no call that lists deployments (the
// management API does, with other credentials), so the names listed are models; a Parley model names a deployment.
import OpenAI from "openai";
import { getProviderConnection } from "../db/providers";
import { AppError } from "../errors";
import { DEMO_MODEL_NAME } from "./demo";
import { REFUSED_ADDRESS_MESSAGE } from "./provider-address";
import { createProviderClient } from "./provider-client";

export const CONNECTION_TEST_TIMEOUT_MS = 10_000;
const MAX_LISTED_MODELS = 500;

/**
 * A failed test says why in English (`reason`, for the API and the log) and as a `code` the console words in the
 * admin's language (with `status` for `status`, `seconds` for `timeout`).
 */
export type ConnectionFailure = {
  code:
    | "refused_address"
    | "timeout"
    | "key_refused"
    | "not_found"
    | "not_found_azure"
    | "redirect"
    | "status"
    | "unreachable";
  reason: string;
  status?: number;
  seconds?: number;
};
export type ConnectionTestResult = { ok: true; models: string[] } | ({ ok: false } & ConnectionFailure);

function describeFailure(error: unknown, kind: string): ConnectionFailure {
  // The SDK wraps what its fetch throws as a connection error (RefusedProviderAddressError, by name).
  if (
    error instanceof OpenAI.APIConnectionError &&
    (error.cause as Error | undefined)?.name === "RefusedProviderAddressError"
  ) {
    return { code: "refused_address", reason: REFUSED_ADDRESS_MESSAGE };
  }
  // The SDK's timeout ends at the headers; the signal also bounds a body that stalls (APIUserAbortError).
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    const seconds = CONNECTION_TEST_TIMEOUT_MS / 1000;
    return { code: "timeout", reason: `The provider did not answer within ${seconds} seconds.`, seconds };
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return { code: "key_refused", reason: "The provider refused the API key." };
  }
  if (error instanceof OpenAI.NotFoundError) {
    return kind === "AZURE_OPENAI"
      ? {
          code: "not_found_azure",
          reason:
            "Nothing answers at this endpoint's /openai/models. Check the endpoint (https://<resource>.openai.azure.com) and the api-version.",
        }
      : {
          code: "not_found",
          reason: "Nothing answers at this base URL's /models. Check the URL (it often ends in /v1).",
        };
  }
  const status = error instanceof OpenAI.APIError ? error.status : undefined;
  // Redirects are answers like any other to the provider fetch, which never follows them with the key.
  if (status && status >= 300 && status < 400) {
    const reason = "The provider redirects elsewhere. Enter the URL it redirects to: redirects are not followed.";
    return { code: "redirect", reason };
  }
  if (status) return { code: "status", reason: `The provider answered with status ${status}.`, status };
  return { code: "unreachable", reason: "Could not connect to the provider." };
}

export async function testProviderConnection(id: string): Promise<ConnectionTestResult> {
  const provider = await getProviderConnection(id);
  if (!provider) throw new AppError("not_found", "Provider not found.");
  if (provider.kind === "DEMO") return { ok: true, models: [DEMO_MODEL_NAME] };
  try {
    const names: string[] = [];
    const client = createProviderClient(provider);
    for await (const model of client.models.list({
      timeout: CONNECTION_TEST_TIMEOUT_MS,
      signal: AbortSignal.timeout(CONNECTION_TEST_TIMEOUT_MS),
    })) {
      names.push(model.id);
      if (names.length >= MAX_LISTED_MODELS) break;
    }
    return { ok: true, models: names.sort() };
  } catch (error) {
    const failure = describeFailure(error, provider.kind);
    console.warn(`Testing provider ${id} failed: ${failure.reason}`);
    return { ok: false, ...failure };
  }
}
