// The current password, asked before a change that would let a stolen session take the account over (email,
// password). Checked under the sign-in throttle, so that a session cannot be used to guess the password either. Its
// failures count apart from the account's sign-ins, by user and client address: guesses at the sign-in form do not
// stop the owner from changing their password, nor do a stolen session's guesses from another address.

import { verifyPassword } from "../auth/password";
import type { SessionUser } from "../auth/session";
import { beginSignInAttempt, finishSignInAttempt, SignInThrottledError } from "../auth/throttle";
import { getPasswordOf } from "../db/accounts";
import { AppError } from "../errors";
import { ruleIssue, sentenceOf } from "../http/issue-rules";

const settingsCounterOf = (user: SessionUser, clientAddress: string) => `settings:${user.id}:${clientAddress}`;

export async function assertCurrentPassword(
  user: SessionUser,
  password: string | undefined,
  clientAddress: string,
  // The account's password row when the caller read it already.
  known?: Awaited<ReturnType<typeof getPasswordOf>>,
) {
  const stored = known !== undefined ? known : await getPasswordOf(user.id);
  if (stored && !stored.hasPassword) {
    throw new AppError(
      "no_password",
      "Your account has no password yet: you sign in with single sign-on. Set one with a reset link first.",
    );
  }
  if (!password) {
    throw new AppError("invalid_input", "Enter your current password.", {
      issues: [{ path: ["currentPassword"], message: "Enter your current password." }],
    });
  }
  try {
    await beginSignInAttempt(user.email, clientAddress, settingsCounterOf(user, clientAddress));
  } catch (error) {
    if (!(error instanceof SignInThrottledError)) throw error;
    throw new AppError("rate_limited", error.message, { details: { retryAfterSeconds: error.retryInMinutes * 60 } });
  }
  const isValid = stored !== null && (await verifyPassword(stored.passwordHash, password));
  await finishSignInAttempt(user.email, clientAddress, isValid, settingsCounterOf(user, clientAddress));
  if (!isValid) {
    throw new AppError("invalid_input", sentenceOf("current_password_wrong"), {
      issues: [ruleIssue(["currentPassword"], "current_password_wrong")],
    });
  }
}

/**
 * The same check for an action that an account without a password may take too (deleting it): its owner is asked
 * for the password only when there is one to ask for.
 */
export async function assertCurrentPasswordIfAny(
  user: SessionUser,
  password: string | undefined,
  clientAddress: string,
) {
  const stored = await getPasswordOf(user.id);
  if (stored && !stored.hasPassword) return;
  await assertCurrentPassword(user, password, clientAddress, stored);
}
