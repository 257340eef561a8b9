// next-auth reads its providers when it is called: the route builds the options per request, with the OpenID
// providers an admin configured, so that a provider added in the console works at once, in every process.
import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getAuthOptions } from "../auth/options";
import { getSessionUser } from "../auth/session";
import { getSsoProviderBySlug, listSsoProvidersWithSecrets } from "../db/sso";
import { outboundAgent } from "../http/outbound-proxy";
import { decryptSecret } from "../models/secret-box";
import { claimsFromGitHubProfile, toGitHubProvider } from "./github";
import { isGitHubIssuer } from "./github-app";
import { resolveSsoUser } from "./sso-sign-in";

export const SSO_PROVIDER_PREFIX = "sso-";

type SsoProviderConfig = Awaited<ReturnType<typeof listSsoProvidersWithSecrets>>[number];

function toNextAuthProvider(provider: SsoProviderConfig): OAuthConfig<Record<string, unknown>> {
  const id = `${SSO_PROVIDER_PREFIX}${provider.slug}`;
  const clientSecret = decryptSecret(provider.clientSecretEncrypted);
  if (isGitHubIssuer(provider.issuer)) return toGitHubProvider({ ...provider, clientSecret }, id);
  return {
    id,
    name: provider.label,
    type: "oauth",
    wellKnown: `${provider.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: provider.clientId,
    clientSecret,
    // Discovery, the token exchange and the keys (openid-client) go out through the network's proxy, if any.
    httpOptions: { agent: outboundAgent },
    authorization: { params: { scope: provider.scopes } },
    idToken: true,
    // state ties the callback to this browser's sign-in; PKCE ties the code to it, so a stolen code is useless.
    checks: ["pkce", "state"],
    profile: (claims) => ({
      id: String(claims.sub),
      name: typeof claims.name === "string" ? claims.name : null,
      email: typeof claims.email === "string" ? claims.email : null,
    }),
  };
}

export async function getAuthOptionsWithSso(): Promise<NextAuthOptions> {
  const options = getAuthOptions();
  const providers = await listSsoProvidersWithSecrets();
  return { ...options, providers: [...options.providers, ...providers.map(toNextAuthProvider)] };
}

/**
 * next-auth's signIn callback. Password sign-ins were checked by authorize. An SSO sign-in becomes the Parley
 * account it resolves to: next-auth hands this same `user` object to the jwt callback, which makes the session.
 */
export async function allowSignIn(params: { user: User; account: Account | null; profile?: Profile }) {
  const providerId = params.account?.provider ?? "";
  if (!providerId.startsWith(SSO_PROVIDER_PREFIX)) return true;
  const provider = await getSsoProviderBySlug(providerId.slice(SSO_PROVIDER_PREFIX.length));
  if (!provider) return "/sign-in?error=SsoUnavailable";
  // Signed in already: this sign-in was started from Settings to link the provider to this account.
  const signedIn = await getSessionUser().catch(() => null);
  // GitHub's profile is not OpenID claims: mapped to them, it follows the same rules.
  const claims = isGitHubIssuer(provider.issuer) ? claimsFromGitHubProfile(params.profile) : params.profile;
  const resolved = await resolveSsoUser(provider, claims, signedIn?.id ?? null);
  if (typeof resolved === "string") return `/sign-in?error=${resolved}`;
  Object.assign(params.user, resolved);
  return true;
}
