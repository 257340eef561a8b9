// The only place that builds an OpenAI SDK client, from a provider row as admins configured it.
import OpenAI from "openai";
import type { CompletionModel } from "../db/models";
import { getDemoApiKey, getDemoBaseUrl } from "./demo";
import { fetchWithoutRedirects } from "./provider-fetch";
import { decryptSecret } from "./secret-box";

type ProviderConnection = CompletionModel["provider"];

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
