// Deleting one's own account: the same deletion as an admin's (private conversations go, team conversations stay
// with the team, teams pass on), confirmed by typing the account's email and, for an account with a password, by
// the password: a session left open on someone else's computer must not be enough to destroy everything (as it is
// not to change the email or the password). The last active admin cannot leave the
// console without an admin this way: the deletion checks it under the admins' lock (lib/db/user-admin.ts), so two
// admins leaving at once cannot both go.
import { z } from "zod";
import { deleteUserAccount } from "../access/access-changes";
import type { SessionUser } from "../auth/session";
import { normalizeEmail } from "../db/users";
import { AppError } from "../errors";
import { assertCurrentPasswordIfAny } from "./current-password";

export const deleteOwnAccountSchema = z.strictObject({
  email: z.string().max(320),
  currentPassword: z.string().max(128).optional(),
});

export async function deleteOwnAccount(
  user: SessionUser,
  input: z.infer<typeof deleteOwnAccountSchema>,
  clientAddress: string,
) {
  if (normalizeEmail(input.email) !== normalizeEmail(user.email)) {
    throw new AppError("invalid_input", "Type your email to confirm.", {
      issues: [{ path: ["email"], message: "Type your account's email exactly to confirm." }],
    });
  }
  await assertCurrentPasswordIfAny(user, input.currentPassword, clientAddress);
  // The audit entry names its actor by email only: the actor's row is the one deleted in the same transaction.
  await deleteUserAccount({ id: null, email: user.email }, user.id);
}
