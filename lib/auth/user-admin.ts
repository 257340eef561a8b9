// Admin use cases on users. An admin cannot change or delete their own account here (they would lock themselves out
// mid-action); that the install keeps an active admin, whatever two admins do at once, is checked under a lock by
// the writes themselves (lib/db/user-admin.ts).
import { z } from "zod";
import { changeUserAccount, deleteUserAccount } from "../access/access-changes";
import { listUsers } from "../db/user-admin";
import { AppError } from "../errors";
import type { SessionUser } from "./session";

export const userSearchSchema = z.strictObject({ q: z.string().trim().max(200).optional() });

// Approving a pending user is setting the status to ACTIVE; nobody is put back into PENDING.
export const userChangesSchema = z
  .strictObject({ role: z.enum(["ADMIN", "USER"]).optional(), status: z.enum(["ACTIVE", "DISABLED"]).optional() })
  .refine((changes) => changes.role !== undefined || changes.status !== undefined, "Change the role or the status.");

function assertNotSelf(admin: SessionUser, id: string): void {
  if (admin.id === id) {
    throw new AppError("own_account", "You cannot change or delete your own account here. Ask another admin.");
  }
}

export function searchUsers(query: z.infer<typeof userSearchSchema>) {
  return listUsers(query.q || undefined);
}

export async function changeUser(admin: SessionUser, id: string, changes: z.infer<typeof userChangesSchema>) {
  assertNotSelf(admin, id);
  return changeUserAccount(admin, id, changes);
}

export async function removeUser(admin: SessionUser, id: string): Promise<void> {
  assertNotSelf(admin, id);
  await deleteUserAccount(admin, id);
}
