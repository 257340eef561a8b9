// The only place that builds an OpenAI SDK client, from a provider row as admins configured it.
import OpenAI from "openai";
import type { CompletionModel } from "../db/models";
import { AppError } from "../errors";
import { getDemoApiKey, getDemoBaseUrl } from "./demo";
import { fetchWithoutRedirects } from "./provider-fetch";
import { decryptSecret } from "./secret-box";

type ProviderConnection = CompletionModel["provider"];

export function createProviderClient(provider: ProviderConnection): OpenAI {
  const isDemo = provider.kind === "DEMO";
  return new OpenAI({
    baseURL: isDemo ? getDemoBaseUrl() : provider.baseUrl,
    // Servers such as Ollama need no key, but the SDK insists on one.
    apiKey: isDemo ? getDemoApiKey() : provider.apiKeyEncrypted ? openApiKey(provider.apiKeyEncrypted) : "none",
    // Retries are the completion service's own (before the first token only, honouring Retry-After).
    maxRetries: 0,
    fetch: fetchWithoutRedirects,
  });
}

/** A key sealed under another ENCRYPTION_KEY: say so, rather than fail every reply with "unable to authenticate data". */
function openApiKey(sealed: string): string {
  try {
    return decryptSecret(sealed);
  } catch (cause) {
    throw new AppError("model_unavailable", "This model's API key can't be decrypted. An admin must enter it again.", {
      cause,
    });
  }
}
