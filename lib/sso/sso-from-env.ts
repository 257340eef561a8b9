// Headless installs configure single sign-on in SSO_PROVIDERS: a JSON array of providers, each as the console's
// form takes it. At every start each one is created, or updated by its short name (the environment wins), and
// audited as Parley itself. Issuers are not contacted here: a provider down at start must not stop Parley.
import { z } from "zod";
import { PARLEY_ACTOR } from "../db/audit";
import { upsertSsoProvider } from "../db/sso";
import { env } from "../env";
import { encryptSecret } from "../models/secret-box";
import { ssoProviderSchema } from "./sso-admin";

const providersSchema = z.array(ssoProviderSchema).max(20);

export function parseSsoProvidersEnv(value: string): z.infer<typeof providersSchema> {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error("SSO_PROVIDERS is not valid JSON: give an array of providers.");
  }
  const parsed = providersSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`SSO_PROVIDERS: ${problems}`);
  }
  return parsed.data;
}

/** Returns the short names configured. */
export async function seedSsoProvidersFromEnv(): Promise<string[]> {
  const value = env().SSO_PROVIDERS;
  if (!value) return [];
  const providers = parseSsoProvidersEnv(value);
  for (const { clientSecret, allowedDomains, adminGroup, teamMappings, ...fields } of providers) {
    await upsertSsoProvider(PARLEY_ACTOR, {
      ...fields,
      issuer: fields.issuer.replace(/\/$/, ""),
      clientSecretEncrypted: encryptSecret(clientSecret),
      allowedDomains: allowedDomains || null,
      adminGroup: adminGroup || null,
      teamMappings,
    });
  }
  return providers.map((provider) => provider.slug);
}
