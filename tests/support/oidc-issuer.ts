// A real OpenID provider on loopback for SSO tests: the certified `oidc-provider` package with its development
// login page (any login, any password), whose accounts and claims the test decides.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type TestAccount = { email: string; email_verified: boolean; name: string; groups?: string[] };

export type OidcIssuer = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in with which login name on the provider's page. */
  accounts: Map<string, TestAccount>;
  close: () => Promise<void>;
};

/** `host`: the name in the issuer's URL (it listens on loopback), e.g. one that only a test's proxy resolves. */
export async function startOidcIssuer(redirectUris: string[], host = "127.0.0.1"): Promise<OidcIssuer> {
  const accounts = new Map<string, TestAccount>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const clientId = "parley-test";
  const clientSecret = "parley-test-secret-that-is-long-enough";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris }],
    findAccount: (_context, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // next-auth reads the ID token's claims: put the scopes' claims there, not only behind userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
