// The email domains whose verified addresses a provider signs up under closed registration: the admin's list, one
// domain name per entry, separated by commas or spaces. A name in another script (bücher.de) is taken as written or
// in punycode (xn--bcher-kva.de), kept as written (lower-cased), and matched in punycode on both sides.
import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";
import { sentenceOf } from "../http/issue-rules";

const MAX_LENGTH = 1_000;
// A DNS label of a host name: letters, digits and inner dashes (punycode included), at most 63.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The domain as it is stored (lower-case, in its own script), or null for what is not a domain name. */
export function normalizeDomain(entry: string): string | null {
  // An address or "@example.com" is not a domain; the URL parser would read its host.
  if (entry.includes("@")) return null;
  const ascii = domainToASCII(entry);
  if (ascii === "" || ascii.length > 253) return null;
  const labels = ascii.split(".");
  const topLevel = labels.at(-1) ?? "";
  // Two labels at least, and a top level that is not a number: an address such as 10.0.0.1 is no email domain.
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(topLevel)) return null;
  return domainToUnicode(ascii);
}

const entriesOf = (text: string) => text.split(/[\s,]+/).filter((entry) => entry !== "");

/** The admin's list as stored ("example.com, bücher.de"; empty for none), each entry checked. */
export const allowedDomainsSchema = z
  .string()
  .max(MAX_LENGTH)
  .transform((text, context) => {
    const domains: string[] = [];
    for (const entry of entriesOf(text)) {
      const domain = normalizeDomain(entry);
      if (domain === null) {
        const values = { entry };
        context.addIssue({
          code: "custom",
          message: sentenceOf("domain_list", values),
          params: { rule: "domain_list", values },
        });
        return z.NEVER;
      }
      if (!domains.includes(domain)) domains.push(domain);
    }
    return domains.join(", ");
  });

/** Whether the email's domain is one of the stored list's, compared in punycode. */
export function isEmailInDomains(email: string, allowedDomains: string | null): boolean {
  const domain = domainToASCII(email.slice(email.lastIndexOf("@") + 1));
  if (domain === "" || !email.includes("@")) return false;
  return entriesOf(allowedDomains ?? "").some((entry) => domainToASCII(entry) === domain);
}
