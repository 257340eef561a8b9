// The only place that builds an OpenAI SDK client, from a provider row as admins configured it.
import OpenAI from "openai";
import type { CompletionModel } from "../db/models";
import { getDemoApiKey, getDemoBaseUrl } from "./demo";
import { decryptSecret } from "./secret-box";

type ProviderConnection = CompletionModel["provider"];

/** Never follows a redirect: a provider URL that redirects would otherwise carry the API key to another host. */
export const fetchWithoutRedirects: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "error" });

export function createProviderClient(provider: ProviderConnection): OpenAI {
  const isDemo = provider.kind === "DEMO";
  return new OpenAI({
    baseURL: isDemo ? getDemoBaseUrl() : provider.baseUrl,
    // Servers such as Ollama need no key, but the SDK insists on one.
    apiKey: isDemo ? getDemoApiKey() : provider.apiKeyEncrypted ? decryptSecret(provider.apiKeyEncrypted) : "none",
    // Retries are the completion service's own (before the first token only, honouring Retry-After).
    maxRetries: 0,
    fetch: fetchWithoutRedirects,
  });
}
