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
 * there is none. Anything else next-auth reports (a forged state, a provider's failure) gets one generic sentence.
 */
export function ssoErrorKey(error: string | undefined): MessageKey | null {
  if (!error) return null;
  if (error === "AccountDisabled") return "signIn.accountDisabled";
  const known = KNOWN.find((code) => code === error);
  return known ? `signIn.error.${known}` : "signIn.error.generic";
}
