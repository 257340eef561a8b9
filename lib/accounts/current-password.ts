// The current password, asked before a change that would let a stolen session take the account over (email,
// password). Checked under the sign-in throttle, so that a session cannot be used to guess the password either; its
// failures count for the session's user apart from the account's sign-ins (as a known device's do), so that guesses
// at the sign-in form do not stop the owner from changing their password.

import { verifyPassword } from "../auth/password";
import type { SessionUser } from "../auth/session";
import { beginSignInAttempt, finishSignInAttempt, SignInThrottledError } from "../auth/throttle";
import { getPasswordHash } from "../db/accounts";
import { AppError } from "../errors";

const settingsKeyOf = (user: SessionUser) => `settings-of-${user.id}`;

export async function assertCurrentPassword(user: SessionUser, password: string | undefined, clientAddress: string) {
  if (!password) {
    throw new AppError("invalid_input", "Enter your current password.", {
      issues: [{ path: ["currentPassword"], message: "Enter your current password." }],
    });
  }
  try {
    await beginSignInAttempt(user.email, clientAddress, settingsKeyOf(user));
  } catch (error) {
    if (!(error instanceof SignInThrottledError)) throw error;
    throw new AppError("rate_limited", error.message, { details: { retryAfterSeconds: error.retryInMinutes * 60 } });
  }
  const passwordHash = await getPasswordHash(user.id);
  const isValid = passwordHash !== null && (await verifyPassword(passwordHash, password));
  await finishSignInAttempt(user.email, clientAddress, isValid, settingsKeyOf(user));
  if (!isValid) {
    throw new AppError("invalid_input", "The current password is not right.", {
      issues: [{ path: ["currentPassword"], message: "The current password is not right." }],
    });
  }
}
