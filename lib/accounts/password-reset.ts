// Password recovery: one-time reset links, made by an admin (shown once) or mailed on "Forgot password?". A link
// works once, for an hour; using it sets the password and ends every session of the account.
import { z } from "zod";
import { resetPasswordByToken } from "../access/access-changes";
import { hashPassword } from "../auth/password";
import { registrationSchema } from "../auth/register";
import { createSecretToken, hashToken, isTokenShaped } from "../auth/secret-tokens";
import type { SessionUser } from "../auth/session";
import { createPasswordResetToken, findUsableResetToken } from "../db/password-resets";
import { publicSiteUrl } from "../env";
import { AppError } from "../errors";

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

export const passwordResetSchema = z.strictObject({
  token: z.string().max(100),
  password: registrationSchema.shape.password,
});

export function resetLinkFor(token: string): string {
  return `${publicSiteUrl()}/reset-password/${token}`;
}

/** A new link for the user, or null when the user does not exist; `admin` audits it as theirs. */
export async function createResetLink(userId: string, admin: SessionUser | null) {
  const token = createSecretToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_LIFETIME_MS);
  const actor = admin ? { id: admin.id, email: admin.email } : null;
  const user = await createPasswordResetToken(userId, hashToken(token), expiresAt, actor);
  return user ? { url: resetLinkFor(token), expiresAt, email: user.email } : null;
}

/** For the admin's console: the link, shown once. */
export async function createAdminResetLink(admin: SessionUser, userId: string) {
  const link = await createResetLink(userId, admin);
  if (!link) throw new AppError("not_found", "User not found.");
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
}

/** The email a usable link resets, for its page; null for an unknown, used or expired link. */
export async function describeResetLink(token: string): Promise<{ email: string } | null> {
  if (!isTokenShaped(token)) return null;
  const found = await findUsableResetToken(hashToken(token));
  return found ? { email: found.user.email } : null;
}

/** The account whose password the link set, with its new hash (the browser that set it is a known device of it). */
export async function resetPassword(
  input: z.infer<typeof passwordResetSchema>,
): Promise<{ id: string; passwordHash: string }> {
  // A token that cannot be one is refused before the password's (deliberately slow) hash is made.
  const passwordHash = isTokenShaped(input.token) ? await hashPassword(input.password) : null;
  const userId = passwordHash ? await resetPasswordByToken(hashToken(input.token), passwordHash) : null;
  if (!passwordHash || !userId) {
    throw new AppError("invalid_input", "This reset link has expired or was already used. Ask for a new one.", {
      issues: [{ path: ["token"], message: "This reset link has expired or was already used. Ask for a new one." }],
    });
  }
  return { id: userId, passwordHash };
}
