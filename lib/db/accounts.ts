// A person's own account: what Settings → Account shows and changes. Every query is scoped to the caller's id.
import { AppError } from "../errors";
import { db } from "./client";
import { expireResetTokensOf } from "./password-resets";
import { isViolationOf } from "./unique-violation";
import { normalizeEmail } from "./users";

const accountFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  customInstructions: true,
  hasPassword: true,
} as const;

export async function getAccount(id: string) {
  return db().user.findUnique({ where: { id }, select: accountFields });
}

export async function getPasswordOf(id: string): Promise<{ passwordHash: string; hasPassword: boolean } | null> {
  return db().user.findUnique({ where: { id }, select: { passwordHash: true, hasPassword: true } });
}

/**
 * The account as changed, and the email it had when the change replaced it (else null). The email is stored
 * lowercased, so its unique index makes it unique case-insensitively, as at registration.
 */
export async function updateProfile(id: string, changes: { name?: string; email?: string }) {
  try {
    return await db().$transaction(async (tx) => {
      const email = changes.email === undefined ? undefined : normalizeEmail(changes.email);
      // Locked: two changes at once would each see the email the account had before both.
      const [before] =
        email === undefined
          ? []
          : await tx.$queryRaw<{ email: string }[]>`SELECT email FROM "User" WHERE id = ${id} FOR UPDATE`;
      const account = await tx.user.update({
        where: { id },
        data: { name: changes.name, email },
        select: accountFields,
      });
      const replacedEmail = before && before.email !== account.email ? before.email : null;
      if (replacedEmail) {
        await expireResetTokensOf(tx, id);
        // A provider vouched for the old address, not this one: a reset link to the new address (which proves only
        // it) unlinks them, so that an address moved onto an account cannot carry the mover's sign-in past its owner.
        await tx.userIdentity.updateMany({ where: { userId: id }, data: { vouchesForEmail: false } });
      }
      return { account, replacedEmail };
    });
  } catch (error) {
    if (isViolationOf(error, "email")) {
      throw new AppError("email_taken", "An account with this email already exists.", { cause: error });
    }
    throw error;
  }
}

/** A new password; `endsSessions` bumps the session version, which signs every device out. */
export async function setPasswordHash(id: string, passwordHash: string, endsSessions: boolean): Promise<number> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id },
      data: { passwordHash, sessionVersion: endsSessions ? { increment: 1 } : undefined },
      select: { sessionVersion: true },
    });
    await expireResetTokensOf(tx, id);
    return user.sessionVersion;
  });
}

export async function setCustomInstructions(id: string, customInstructions: string | null): Promise<void> {
  await db().user.update({ where: { id }, data: { customInstructions } });
}
