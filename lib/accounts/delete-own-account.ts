// Deleting one's own account: the same deletion as an admin's (private conversations go, team conversations stay
// with the team, teams pass on), confirmed by typing the account's email. The last active admin cannot leave the
// console without an admin this way: the deletion checks it under the admins' lock (lib/db/user-admin.ts), so two
// admins leaving at once cannot both go.
import { z } from "zod";
import { deleteUserAccount } from "../access/access-changes";
import type { SessionUser } from "../auth/session";
import { normalizeEmail } from "../db/users";
import { AppError } from "../errors";

export const deleteOwnAccountSchema = z.strictObject({ email: z.string().max(320) });

export async function deleteOwnAccount(user: SessionUser, input: z.infer<typeof deleteOwnAccountSchema>) {
  if (normalizeEmail(input.email) !== normalizeEmail(user.email)) {
    throw new AppError("invalid_input", "Type your email to confirm.", {
      issues: [{ path: ["email"], message: "Type your account's email exactly to confirm." }],
    });
  }
  // The audit entry names its actor by email only: the actor's row is the one deleted in the same transaction.
  await deleteUserAccount({ id: null, email: user.email }, user.id);
}
