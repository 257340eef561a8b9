import type { MessageKey } from "@/app/_i18n/messages-en";

const KNOWN = [
  "SsoLinkRequired",
  "SsoRegistrationClosed",
  "SsoEmailMissing",
  "SsoUnavailable",
  "SsoIssuerMismatch",
] as const;

/**
 * The sentence for next-auth's `error` on the sign-in page (an SSO sign-in that was refused or failed); null when
 * there is none. A provider that could not be reached to begin (next-auth's OAuthSignin: its discovery or its
 * address failed) is no fault of the person's, who is told so; anything else next-auth reports (a forged state, a
 * sign-in cancelled at the provider) gets one generic sentence.
 */
export function ssoErrorKey(error: string | undefined): MessageKey | null {
  if (!error) return null;
  if (error === "AccountDisabled") return "signIn.accountDisabled";
  if (error === "OAuthSignin") return "signIn.error.providerUnreachable";
  const known = KNOWN.find((code) => code === error);
  return known ? `signIn.error.${known}` : "signIn.error.generic";
}
