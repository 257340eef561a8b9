// The sign-in page's SSO buttons: next-auth's provider id and the admin's label, nothing secret.
import { listIdentityIssuers, listSsoProviders } from "../db/sso";
import { SSO_PROVIDER_PREFIX } from "./auth-options";

export async function listSsoButtons(): Promise<{ id: string; label: string }[]> {
  const providers = await listSsoProviders();
  return providers.map((provider) => ({ id: `${SSO_PROVIDER_PREFIX}${provider.slug}`, label: provider.label }));
}

/** Settings → Account: each provider, and whether the account already signs in with it. */
export async function listLinkableProviders(userId: string) {
  const [providers, issuers] = await Promise.all([listSsoProviders(), listIdentityIssuers(userId)]);
  return providers.map((provider) => ({
    id: `${SSO_PROVIDER_PREFIX}${provider.slug}`,
    label: provider.label,
    isLinked: issuers.includes(provider.issuer),
  }));
}
