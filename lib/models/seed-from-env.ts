// Start-up: a provider and its models from OPENAI_* when set and no real provider exists yet, else the offline
// demo model when there is no provider at all. A real provider seeded later retires the demo model.
import OpenAI from "openai";
import { isVisionModelName } from "../attachments/vision-models";
import { countProviders, createProviderWithModels, type NewProvider, retireDemoModels } from "../db/models";
import { isUniqueViolation } from "../db/unique-violation";
import { env } from "../env";
import { defaultRequestShape } from "./compatibility";
import { DEMO_MODEL_NAME } from "./demo";
import { defaultModelLimits } from "./model-limits";
import { fetchWithoutRedirects } from "./provider-fetch";
import { encryptSecret, keyHint } from "./secret-box";

const OPENAI_BASE_URL = "https://api.openai.com/v1";
const OPENAI_DEFAULT_MODEL = "gpt-4o-mini";
const DISCOVERY_TIMEOUT_MS = 5_000;

export function parseModelList(list: string): string[] {
  return [
    ...new Set(
      list
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * OPENAI_MODELS when given. Otherwise OpenAI's own endpoint gets a sensible default, and any other server
 * (Ollama, vLLM, llama.cpp) is asked what it serves, since there is no name that fits them all.
 */
async function resolveModelNames(baseUrl: string, apiKey: string | undefined): Promise<string[]> {
  const { OPENAI_MODELS } = env();
  if (OPENAI_MODELS) return parseModelList(OPENAI_MODELS);
  if (baseUrl === OPENAI_BASE_URL) return [OPENAI_DEFAULT_MODEL];
  const client = new OpenAI({
    baseURL: baseUrl,
    apiKey: apiKey ?? "none",
    maxRetries: 0,
    timeout: DISCOVERY_TIMEOUT_MS,
    fetch: fetchWithoutRedirects,
  });
  const names: string[] = [];
  for await (const model of client.models.list()) names.push(model.id);
  if (names.length === 0) throw new Error(`${baseUrl} lists no models: set OPENAI_MODELS.`);
  return names.sort();
}

/** Returns what it seeded, for the start-up log; null when nothing needed seeding. */
export async function seedProvidersFromEnv(): Promise<string | null> {
  const { OPENAI_API_KEY, OPENAI_BASE_URL: configuredBaseUrl } = env();
  if (OPENAI_API_KEY || configuredBaseUrl) {
    // Any real provider (an Azure one included) means an admin has set models up: the variables are ignored.
    if ((await countProviders({ kind: { not: "DEMO" } })) > 0) return null;
    const baseUrl = configuredBaseUrl ?? OPENAI_BASE_URL;
    const names = await resolveModelNames(baseUrl, OPENAI_API_KEY).catch((error: unknown) => {
      // Only the status: a provider's error text can echo the key.
      const reason = error instanceof OpenAI.APIError ? `status ${error.status}` : "no answer";
      throw new Error(`Could not list the models of ${baseUrl} (${reason}); set OPENAI_MODELS.`);
    });
    // First: the demo model gives up being the default, and only one model may be.
    await retireDemoModels();
    const isCreated = await createUnlessSeededMeanwhile({
      name: new URL(baseUrl).host,
      kind: "OPENAI_COMPATIBLE",
      baseUrl,
      apiKeyEncrypted: OPENAI_API_KEY ? encryptSecret(OPENAI_API_KEY) : null,
      apiKeyHint: OPENAI_API_KEY ? keyHint(OPENAI_API_KEY) : null,
      models: names.map((name, index) => ({
        upstreamName: name,
        label: name,
        isDefault: index === 0,
        ...defaultRequestShape({ baseUrl }, name),
        ...defaultModelLimits(name),
        readsImages: isVisionModelName(name),
      })),
    });
    return isCreated ? `provider ${baseUrl} with ${names.join(", ")}` : null;
  }
  if ((await countProviders()) > 0) return null;
  const isCreated = await createUnlessSeededMeanwhile({
    name: "Parley demo",
    kind: "DEMO",
    baseUrl: "builtin:demo",
    apiKeyEncrypted: null,
    apiKeyHint: null,
    models: [{ upstreamName: DEMO_MODEL_NAME, label: "Parley Demo (offline)", isDefault: true }],
  });
  return isCreated ? "the offline demo model (set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)" : null;
}

/**
 * Processes started together against a fresh database (replicas) each find nothing and seed: the provider's unique
 * name (and the one default model) lets one of them write it; the others find it done, instead of failing to start.
 */
async function createUnlessSeededMeanwhile(provider: NewProvider): Promise<boolean> {
  try {
    await createProviderWithModels(provider);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
