// Provider administration: validation of names, base URLs and keys, encryption of keys before they are stored.
import { z } from "zod";
import type { SessionUser } from "../auth/session";
import { expectedVersionSchema } from "../db/edit-versions";
import {
  createProvider,
  deleteProvider,
  type ProviderFields,
  type ProviderView,
  updateProvider,
} from "../db/providers";
import { AppError } from "../errors";
import { isRefusedHost, REFUSED_ADDRESS_MESSAGE, resolvesToRefusedAddress } from "./provider-address";
import { encryptSecret, keyHint } from "./secret-box";

// Refinements run even when the URL check before them failed (zod 4), so each one parses defensively.
const parseUrl = (value: string) => (URL.canParse(value) ? new URL(value) : null);

/**
 * http or https only (http for Ollama and other servers on a local network), and no credentials in the URL:
 * the key has a field of its own, encrypted, where a URL is shown and logged.
 */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, message: "Enter an http:// or https:// URL." }))
  .refine((value) => {
    const url = parseUrl(value);
    return !url?.username && !url?.password;
  }, "Leave credentials out of the URL; put the key in the API key field.")
  .refine((value) => {
    const url = parseUrl(value);
    return !url?.search && !url?.hash;
  }, "The base URL cannot have a query or a fragment.")
  .refine((value) => {
    const url = parseUrl(value);
    return !url || !isRefusedHost(url.hostname);
  }, REFUSED_ADDRESS_MESSAGE)
  .transform((value) => value.replace(/\/+$/, ""));

const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
const apiKeySchema = z.string().trim().min(1, "Enter the key.").max(1000, "Use at most 1000 characters.");

// Azure OpenAI's api-version: a date, with "-preview" for preview versions (e.g. 2024-10-21, 2025-04-01-preview).
const apiVersionSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, "Enter an api-version such as 2024-10-21.");

const AZURE_NEEDS_API_VERSION = "Azure OpenAI needs an api-version.";

// kind: fixed once the provider exists (its models' upstream names mean deployments on Azure, models elsewhere).
export const newProviderSchema = z
  .strictObject({
    name: nameSchema,
    kind: z.enum(["OPENAI_COMPATIBLE", "AZURE_OPENAI"]).default("OPENAI_COMPATIBLE"),
    baseUrl: baseUrlSchema,
    apiVersion: apiVersionSchema.optional(),
    apiKey: apiKeySchema.optional(),
  })
  .refine((input) => input.kind !== "AZURE_OPENAI" || input.apiVersion !== undefined, {
    path: ["apiVersion"],
    message: AZURE_NEEDS_API_VERSION,
  });

// apiKey: a new key replaces the stored one, null removes it, left out keeps it.
export const providerChangesSchema = z.strictObject({
  name: nameSchema.optional(),
  baseUrl: baseUrlSchema.optional(),
  apiVersion: apiVersionSchema.optional(),
  apiKey: apiKeySchema.nullable().optional(),
  expectedVersion: expectedVersionSchema,
});

/** The schema checks the URL as written; this checks where its name resolves to now (again on each connect). */
async function assertAllowedDestination(baseUrl: string | undefined): Promise<void> {
  if (baseUrl === undefined || !(await resolvesToRefusedAddress(new URL(baseUrl).hostname))) return;
  throw new AppError("invalid_input", "Some fields are invalid.", {
    issues: [{ path: ["baseUrl"], message: REFUSED_ADDRESS_MESSAGE }],
  });
}

function sealKey(apiKey: string | null | undefined): Pick<ProviderFields, "apiKeyEncrypted" | "apiKeyHint"> {
  if (apiKey === undefined) return {};
  return apiKey === null
    ? { apiKeyEncrypted: null, apiKeyHint: null }
    : { apiKeyEncrypted: encryptSecret(apiKey), apiKeyHint: keyHint(apiKey) };
}

export async function addProvider(admin: SessionUser, input: z.infer<typeof newProviderSchema>) {
  await assertAllowedDestination(input.baseUrl);
  const apiVersion = input.kind === "AZURE_OPENAI" ? (input.apiVersion ?? null) : null;
  const { name, kind, baseUrl } = input;
  return createProvider(admin, { name, kind, baseUrl, apiVersion, ...sealKey(input.apiKey) });
}

export async function changeProvider(admin: SessionUser, id: string, input: z.infer<typeof providerChangesSchema>) {
  await assertAllowedDestination(input.baseUrl);
  const { apiKey, expectedVersion, ...fields } = input;
  const check = (before: ProviderView) => {
    if (before.kind === "DEMO") throw new AppError("demo_provider", "The built-in demo provider cannot be changed.");
    if (input.apiVersion !== undefined && before.kind !== "AZURE_OPENAI") {
      throw new AppError("invalid_input", "Some fields are invalid.", {
        issues: [{ path: ["apiVersion"], message: "Only Azure OpenAI providers take an api-version." }],
      });
    }
    // A stored key goes only to the URL it was entered for: moving the provider asks for the key again.
    const isMoved = input.baseUrl !== undefined && input.baseUrl !== before.baseUrl;
    if (isMoved && before.hasApiKey && apiKey === undefined) {
      throw new AppError("invalid_input", "Enter the API key again when you change the base URL.", {
        issues: [{ path: ["apiKey"], message: "Enter the API key again when you change the base URL." }],
      });
    }
  };
  return updateProvider(admin, id, { ...fields, ...sealKey(apiKey) }, check, expectedVersion);
}

export function removeProvider(admin: SessionUser, id: string) {
  return deleteProvider(admin, id);
}
