// The only place that builds an OpenAI SDK client, from a provider row as admins configured it.
import OpenAI, { AzureOpenAI } from "openai";
import type { CompletionModel } from "../db/models";
import { AppError } from "../errors";
import { getDemoApiKey, getDemoBaseUrl } from "./demo";
import { fetchWithoutRedirects } from "./provider-fetch";
import { decryptSecret } from "./secret-box";

type ProviderConnection = CompletionModel["provider"];

// Retries are the completion service's own (before the first token only, honouring Retry-After).
const COMMON_OPTIONS = { maxRetries: 0, fetch: fetchWithoutRedirects } as const;

// A client is kept per connection settings, as stored: building one (decrypting the key, the SDK's set-up) on every
// turn cost CPU on the path to the first token. A changed address, key or api-version is another entry, so an
// admin's change applies to the next request with nothing to invalidate.
const clients = new Map<string, OpenAI>();
const MAX_CLIENTS = 200;

export function createProviderClient(provider: ProviderConnection): OpenAI {
  const isDemo = provider.kind === "DEMO";
  const settings = [provider.kind, provider.baseUrl, provider.apiKeyEncrypted, provider.apiVersion];
  const key = (isDemo ? [...settings, getDemoBaseUrl(), getDemoApiKey()] : settings).join("\n");
  const kept = clients.get(key);
  if (kept) return kept;
  const client = buildProviderClient(provider);
  if (clients.size >= MAX_CLIENTS) clients.clear();
  clients.set(key, client);
  return client;
}

function buildProviderClient(provider: ProviderConnection): OpenAI {
  if (provider.kind === "AZURE_OPENAI") return createAzureClient(provider);
  const isDemo = provider.kind === "DEMO";
  return new OpenAI({
    baseURL: isDemo ? getDemoBaseUrl() : provider.baseUrl,
    // Servers such as Ollama need no key, but the SDK insists on one.
    apiKey: isDemo ? getDemoApiKey() : provider.apiKeyEncrypted ? openApiKey(provider.apiKeyEncrypted) : "none",
    ...COMMON_OPTIONS,
  });
}

/**
 * Azure OpenAI: requests go to {endpoint}/openai/deployments/{model's upstream name}/chat/completions with the
 * api-version query parameter and the key in the api-key header. The base URL is given whole (not as `endpoint`):
 * the SDK would otherwise read OPENAI_BASE_URL, which Parley's own seeding uses, and refuse both together.
 */
function createAzureClient(provider: ProviderConnection): OpenAI {
  if (!provider.apiVersion) {
    throw new AppError("model_unavailable", "This Azure OpenAI provider has no api-version. An admin must set it.");
  }
  return new AzureOpenAI({
    baseURL: `${provider.baseUrl.replace(/\/+$/, "")}/openai`,
    apiVersion: provider.apiVersion,
    apiKey: provider.apiKeyEncrypted ? openApiKey(provider.apiKeyEncrypted) : "none",
    ...COMMON_OPTIONS,
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
