// First start: a provider and its models from OPENAI_* when set, else the offline demo model.
import { countProviders, createProviderWithModels } from "../db/models";
import { env } from "../env";
import { DEMO_MODEL_NAME } from "./demo";
import { encryptSecret } from "./secret-box";

const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
const DEFAULT_OPENAI_MODELS = "gpt-4o-mini";

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

/** Returns what it seeded, for the start-up log; null when providers already exist. */
export async function seedProvidersFromEnv(): Promise<string | null> {
  if ((await countProviders()) > 0) return null;
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODELS } = env();
  if (OPENAI_API_KEY || OPENAI_BASE_URL) {
    const baseUrl = OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL;
    const names = parseModelList(OPENAI_MODELS ?? DEFAULT_OPENAI_MODELS);
    await createProviderWithModels({
      name: new URL(baseUrl).host,
      kind: "OPENAI_COMPATIBLE",
      baseUrl,
      apiKeyEncrypted: OPENAI_API_KEY ? encryptSecret(OPENAI_API_KEY) : null,
      models: names.map((name, index) => ({ upstreamName: name, label: name, isDefault: index === 0 })),
    });
    return `provider ${baseUrl} with ${names.join(", ")}`;
  }
  await createProviderWithModels({
    name: "Parley demo",
    kind: "DEMO",
    baseUrl: "builtin:demo",
    apiKeyEncrypted: null,
    models: [{ upstreamName: DEMO_MODEL_NAME, label: "Parley Demo (offline)", isDefault: true }],
  });
  return "the offline demo model (set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)";
}
