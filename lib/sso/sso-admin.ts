// The admin's side of single sign-on: OpenID providers added with their issuer (checked by discovery), client id
// and secret (sealed like provider API keys), scopes, button label, linking and sign-up rules and claim mapping.
import { z } from "zod";
import type { SessionUser } from "../auth/session";
import { expectedVersionSchema } from "../db/edit-versions";
import { createSsoProvider, deleteSsoProvider, listSsoProviders, updateSsoProvider } from "../db/sso";
import { isViolationOf } from "../db/unique-violation";
import { AppError } from "../errors";
import { fetchWithoutRedirects } from "../models/provider-fetch";
import { encryptSecret } from "../models/secret-box";
import { allowedDomainsSchema } from "./allowed-domains";
import { teamMappingsSchema } from "./claim-mapping";
import { isGitHubIssuer } from "./github-app";

const DISCOVERY_TIMEOUT_MS = 5_000;
const noControl = /^[^\p{Cc}]*$/u;

export const ssoProviderSchema = z.strictObject({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use lowercase letters, digits and dashes (up to 40)."),
  label: z.string().trim().min(1).max(60).regex(noControl),
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(500).regex(noControl),
  clientSecret: z.string().min(1).max(2_000),
  scopes: z.string().trim().max(500).regex(noControl).default("openid email profile"),
  allowLinking: z.boolean().default(false),
  allowedDomains: allowedDomainsSchema.optional(),
  groupsClaim: z.string().trim().min(1).max(100).default("groups"),
  adminGroup: z.string().trim().max(200).optional(),
  teamMappings: teamMappingsSchema.optional(),
});

/** An edit: the short name (the redirect URL) and the issuer (the identities) stay; the secret only when replaced. */
export const ssoProviderChangesSchema = ssoProviderSchema
  .omit({ slug: true, issuer: true })
  .extend({
    adminGroup: z.string().trim().max(200).nullable(),
    allowedDomains: allowedDomainsSchema.nullable(),
  })
  .partial()
  .extend({ expectedVersion: expectedVersionSchema });

/** The issuer must publish its OpenID configuration, naming itself: else sign-ins would fail later, at the door. */
async function assertDiscoverable(issuer: string): Promise<void> {
  // GitHub is plain OAuth 2: nothing to discover, its endpoints are known (github.ts).
  if (isGitHubIssuer(issuer)) return;
  const base = issuer.replace(/\/$/, "");
  try {
    // Through the network's proxy, if any, and never to a cloud metadata address (provider-fetch.ts).
    const response = await fetchWithoutRedirects(`${base}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    const document = (await response.json()) as { issuer?: unknown };
    if (response.ok && typeof document.issuer === "string" && document.issuer.replace(/\/$/, "") === base) return;
  } catch {
    // Answered below, in words an admin can act on.
  }
  throw new AppError("invalid_input", "No OpenID provider answers at this issuer URL.", {
    issues: [
      {
        path: ["issuer"],
        message: "No OpenID configuration found at this issuer URL (/.well-known/openid-configuration).",
      },
    ],
  });
}

/** No secrets; team mappings as rows (an unreadable stored value reads as none). */
export async function listProviders() {
  const providers = await listSsoProviders();
  return providers.map((provider) => {
    const mappings = teamMappingsSchema.safeParse(provider.teamMappings ?? []);
    return { ...provider, teamMappings: mappings.success ? mappings.data : [] };
  });
}

export async function addProvider(admin: SessionUser, input: z.infer<typeof ssoProviderSchema>) {
  await assertDiscoverable(input.issuer);
  const { clientSecret, allowedDomains, adminGroup, teamMappings, ...fields } = input;
  try {
    return await createSsoProvider(admin, {
      ...fields,
      issuer: input.issuer.replace(/\/$/, ""),
      clientSecretEncrypted: encryptSecret(clientSecret),
      allowedDomains: allowedDomains || null,
      adminGroup: adminGroup || null,
      teamMappings,
    });
  } catch (error) {
    if (!isViolationOf(error, "slug")) throw error;
    throw new AppError("sso_provider_name_taken", "Another provider already uses this short name.", { cause: error });
  }
}

export async function changeProvider(admin: SessionUser, id: string, input: z.infer<typeof ssoProviderChangesSchema>) {
  const { clientSecret, allowedDomains, adminGroup, expectedVersion, ...fields } = input;
  const changes = {
    ...fields,
    ...(clientSecret ? { clientSecretEncrypted: encryptSecret(clientSecret) } : {}),
    ...(allowedDomains === undefined ? {} : { allowedDomains: allowedDomains || null }),
    ...(adminGroup === undefined ? {} : { adminGroup: adminGroup || null }),
  };
  const updated = await updateSsoProvider(admin, id, changes, expectedVersion);
  if (!updated) throw new AppError("not_found", "Provider not found.");
  return updated;
}

export async function removeProvider(admin: SessionUser, id: string): Promise<void> {
  if (!(await deleteSsoProvider(admin, id))) throw new AppError("not_found", "Provider not found.");
}
