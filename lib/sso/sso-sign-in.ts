// What an SSO sign-in resolves to: the account of the identity (issuer, subject); else a password account with the
// same email, joined only when the provider says the email is verified and the admin allowed linking; else a new
// account under the registration policy. A refusal is a code the sign-in page explains.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { joinIdentityByEmail } from "../access/access-changes";
import { noticeSignInLinked } from "../accounts/security-notices";
import { hashPassword } from "../auth/password";
import { personNameFromProvider } from "../auth/person-name";
import { getRegistrationPolicy } from "../auth/registration-policy";
import {
  findUserByEmail,
  findUserByIdentity,
  getSignInUser,
  linkIdentity,
  type SsoProviderRow,
  type SsoUser,
} from "../db/sso";
import { applyClaimGrants } from "../db/sso-claims";
import { createUser, normalizeEmail } from "../db/users";
import { isEmailInDomains } from "./allowed-domains";
import { grantsFromClaims } from "./claim-mapping";

export type SsoRefusal =
  | "SsoLinkRequired"
  | "SsoRegistrationClosed"
  | "SsoEmailMissing"
  | "SsoUnavailable"
  | "SsoIssuerMismatch"
  | "AccountDisabled";

const claimsSchema = z.looseObject({
  iss: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.union([z.boolean(), z.string()]).optional(),
  name: z.string().optional(),
});

const isVerified = (value: boolean | string | undefined) => value === true || value === "true";
/** Who the audit log names for what a sign-in changes. */
const signInActor = (provider: SsoProviderRow) => ({ id: null, email: `Sign-in with ${provider.label}` });
const withoutTrailingSlash = (issuer: string) => issuer.replace(/\/$/, "");

// Nobody knows this password: the account signs in through its provider (or sets one by a reset link).
const hashUnknownPassword = () => hashPassword(randomBytes(32).toString("base64url"));

async function signUp(provider: SsoProviderRow, email: string, name: string, isEmailVerified: boolean) {
  const { policy } = await getRegistrationPolicy();
  // Closed registration still admits verified addresses of the provider's allowed domains.
  const isAdmittedDomain = isEmailVerified && isEmailInDomains(email, provider.allowedDomains);
  if (policy === "closed" && !isAdmittedDomain) return "SsoRegistrationClosed" as const;
  const passwordHash = await hashUnknownPassword();
  const created = await createUser(
    { email, name, passwordHash, hasPassword: false },
    policy === "closed" ? "open" : policy,
  );
  return getSignInUser(created.id);
}

async function findOrCreateUser(
  provider: SsoProviderRow,
  claims: z.infer<typeof claimsSchema>,
  signedInUserId: string | null,
) {
  const known = await findUserByIdentity(claims.iss, claims.sub);
  if (known) return known;
  const identity = { issuer: claims.iss, subject: claims.sub };
  const isEmailVerified = isVerified(claims.email_verified);
  // Linking from Settings: the person is signed in to Parley and has just signed in at the provider too.
  if (signedInUserId) {
    const user = await getSignInUser(signedInUserId);
    if (!user) return "SsoUnavailable" as const;
    const vouchesForEmail = isEmailVerified && normalizeEmail(claims.email ?? "") === user.email;
    await linkIdentity(user.id, { ...identity, vouchesForEmail });
    noticeSignInLinked(user.email, provider.label, false);
    return user;
  }
  if (!claims.email) return "SsoEmailMissing" as const;
  const email = normalizeEmail(claims.email);
  const existing = await findUserByEmail(email);
  if (existing) {
    if (!(isEmailVerified && provider.allowLinking)) return "SsoLinkRequired" as const;
    await joinIdentityByEmail(signInActor(provider), existing.id, identity, await hashUnknownPassword());
    noticeSignInLinked(existing.email, provider.label, true);
    console.log(
      `[parley] ${provider.label} linked to the account of ${email}; its password, sessions and API keys ended`,
    );
    // Read again: the session about to be made must carry the new session version.
    return (await getSignInUser(existing.id)) ?? ("SsoUnavailable" as const);
  }
  const user = await signUp(provider, email, personNameFromProvider(claims.name, email), isEmailVerified);
  if (!user || typeof user === "string") return user ?? ("SsoRegistrationClosed" as const);
  await linkIdentity(user.id, { ...identity, vouchesForEmail: isEmailVerified });
  return user;
}

/**
 * The account to sign in, with the claims' grants applied (re-read if they changed it), or why not. With
 * `signedInUserId` (someone signed in to Parley started this sign-in from Settings) a new identity joins that account.
 */
export async function resolveSsoUser(
  provider: SsoProviderRow,
  rawClaims: unknown,
  signedInUserId: string | null = null,
): Promise<SsoUser | SsoRefusal> {
  const claims = claimsSchema.parse(rawClaims);
  // An identity is (issuer, subject), so a token must come from the issuer configured for this provider.
  // openid-client compares its issuer only with the one discovery declares, and discovery is read again at every
  // sign-in: a provider whose discovery named another issuer would otherwise sign in as that issuer's accounts.
  if (withoutTrailingSlash(claims.iss) !== withoutTrailingSlash(provider.issuer)) {
    console.error(
      `[parley] sign-in with ${provider.label} refused: its token's issuer (${claims.iss}) is not the one configured (${provider.issuer})`,
    );
    return "SsoIssuerMismatch";
  }
  const user = await findOrCreateUser(provider, claims, signedInUserId);
  if (typeof user === "string") return user;
  if (user.status === "DISABLED") return "AccountDisabled";
  const isChanged = await applyClaimGrants(signInActor(provider), user.id, grantsFromClaims(provider, rawClaims));
  return isChanged ? ((await getSignInUser(user.id)) ?? user) : user;
}
