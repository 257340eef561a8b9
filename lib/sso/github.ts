// GitHub signs people in with plain OAuth 2 (no OpenID discovery, no ID token): Parley asks /user and /user/emails
// itself and maps them to the same identity an OpenID provider's claims give (issuer, subject, email, verified),
// so that a GitHub sign-in goes through the same linking, registration and claim rules (sso-sign-in.ts).
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { outboundAgent } from "../http/outbound-proxy";
import { fetchWithoutRedirects } from "../models/provider-fetch";
import { GITHUB_ISSUER } from "./github-app";

const githubEmailSchema = z.looseObject({ email: z.string(), primary: z.boolean(), verified: z.boolean() });
const githubProfileSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  login: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  parleyEmails: z.array(githubEmailSchema).default([]),
});

/**
 * The claims of a GitHub profile: the subject is the numeric user id (the login can be renamed and reused), the
 * email the primary one, verified only when /user/emails says so (the public profile email says nothing about it).
 */
export function claimsFromGitHubProfile(profile: unknown) {
  const parsed = githubProfileSchema.parse(profile);
  const primary = parsed.parleyEmails.find((entry) => entry.primary);
  return {
    iss: GITHUB_ISSUER,
    sub: String(parsed.id),
    email: primary?.email ?? parsed.email ?? undefined,
    email_verified: primary?.verified === true,
    name: parsed.name?.trim() || parsed.login,
  };
}

async function fetchGitHubJson(url: string, accessToken: string | undefined): Promise<unknown> {
  const response = await fetchWithoutRedirects(url, {
    headers: { Authorization: `Bearer ${accessToken ?? ""}`, Accept: "application/vnd.github+json" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  return response.json();
}

type GitHubApp = { slug: string; label: string; clientId: string; clientSecret: string; scopes: string };

export function toGitHubProvider(app: GitHubApp, id: string): OAuthConfig<Record<string, unknown>> {
  return {
    id,
    name: app.label,
    type: "oauth",
    // What GitHub names itself in a callback's `iss` (next-auth's own GitHub provider says the same); openid-client
    // refuses an `iss` it cannot compare. The identities' issuer stays GITHUB_ISSUER.
    issuer: "https://github.com/login/oauth",
    authorization: { url: "https://github.com/login/oauth/authorize", params: { scope: app.scopes } },
    token: "https://github.com/login/oauth/access_token",
    userinfo: {
      url: "https://api.github.com/user",
      async request({ tokens }): Promise<Profile> {
        const user = await fetchGitHubJson("https://api.github.com/user", tokens.access_token);
        // Without the user:email scope this answers 404: then the address stays unverified.
        const emails = await fetchGitHubJson("https://api.github.com/user/emails", tokens.access_token);
        const profile = { ...(user as Record<string, unknown>), parleyEmails: Array.isArray(emails) ? emails : [] };
        return profile as Profile;
      },
    },
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    // The token exchange (openid-client) goes out like every request of Parley's: through the proxy, if any.
    httpOptions: { agent: outboundAgent },
    checks: ["state"],
    profile: (profile) => {
      const claims = claimsFromGitHubProfile(profile);
      return { id: claims.sub, name: claims.name, email: claims.email ?? null };
    },
  };
}
