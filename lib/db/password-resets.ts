// One-time password reset links: only the token's SHA-256 is stored; a token sets a password once, before it
// expires, and ends every session of its user in the same transaction. A new password or email (a reset, Settings,
// an SSO link that replaces the password) ends the user's other links: one mailed earlier, perhaps to an address
// they moved away from, must not set a password after the change.
import { revokeApiKeysOf } from "./api-keys";
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, type Prisma } from "./client";

/** Ends every unused reset link of the user, in the transaction that changes their password or email. */
export async function expireResetTokensOf(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
}

/** Stores a reset token for the user; with an actor (an admin's link) the audit entry is written with it. */
export async function createPasswordResetToken(
  userId: string,
  tokenHash: string,
  expiresAt: Date,
  actor: AuditActor | null,
): Promise<{ email: string } | null> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return null;
    await tx.passwordResetToken.create({ data: { userId, tokenHash, expiresAt } });
    if (actor) {
      await writeAuditEntry(tx, actor, {
        action: "user.reset_link",
        targetType: "user",
        targetId: userId,
        after: { email: user.email, expiresAt: expiresAt.toISOString() },
      });
    }
    return user;
  });
}

/** The user a usable token would reset (for the reset page), or null. */
export async function findUsableResetToken(tokenHash: string) {
  return db().passwordResetToken.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
    select: { user: { select: { email: true } } },
  });
}

/**
 * Marks the token used and sets the password in one transaction; the conditional update makes two concurrent uses
 * of one token set the password once. Returns the user's id, or null when the token is unknown, used or expired.
 */
export async function consumePasswordResetToken(tokenHash: string, passwordHash: string): Promise<string | null> {
  return db().$transaction(async (tx) => {
    const token = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
    if (!token) return null;
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: token.id, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (count === 0) return null;
    await tx.user.update({
      where: { id: token.userId },
      data: { passwordHash, hasPassword: true, sessionVersion: { increment: 1 } },
    });
    await expireResetTokensOf(tx, token.userId);
    // A reset recovers the account: whoever held it meanwhile loses the API keys too, as they lose its sessions,
    // and the sign-ins of providers that never vouched for its email (one may have signed up with the address).
    await revokeApiKeysOf(tx, token.userId);
    await tx.userIdentity.deleteMany({ where: { userId: token.userId, vouchesForEmail: false } });
    return token.userId;
  });
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { email }, select: { id: true, status: true } });
  return user && user.status !== "DISABLED" ? user.id : null;
}
