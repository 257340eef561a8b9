// Settings → Account: a person changes their own name, email, password and custom instructions.
import { z } from "zod";
import { replacePassword } from "../access/access-changes";
import { hashPassword } from "../auth/password";
import { registrationSchema } from "../auth/register";
import type { SessionUser } from "../auth/session";
import { getAccount, setCustomInstructions, updateProfile } from "../db/accounts";
import { normalizeEmail } from "../db/users";
import { AppError } from "../errors";
import { MAX_CUSTOM_INSTRUCTIONS_LENGTH } from "../limits";
import { assertCurrentPassword } from "./current-password";
import { noticeEmailChanged, noticePasswordChanged } from "./security-notices";

const currentPassword = z.string().max(128).optional();

export const profileChangesSchema = z
  .strictObject({
    name: registrationSchema.shape.name.optional(),
    email: registrationSchema.shape.email.optional(),
    currentPassword,
  })
  .refine((changes) => changes.name !== undefined || changes.email !== undefined, "Change the name or the email.");

export const passwordChangeSchema = z.strictObject({
  currentPassword,
  newPassword: registrationSchema.shape.password,
  // Checked by default in the form: a password is usually changed because another device should lose access.
  signOutOtherDevices: z.boolean().default(true),
});

export const customInstructionsSchema = z.strictObject({
  customInstructions: z
    .string()
    .trim()
    .max(MAX_CUSTOM_INSTRUCTIONS_LENGTH, `Use at most ${MAX_CUSTOM_INSTRUCTIONS_LENGTH} characters.`)
    .regex(/^[^\0]*$/, "Remove the NUL characters."),
});

export async function getAccountOrThrow(user: SessionUser) {
  const account = await getAccount(user.id);
  if (!account) throw new AppError("unauthorized", "Sign in to continue.");
  return account;
}

export async function changeProfile(
  user: SessionUser,
  changes: z.infer<typeof profileChangesSchema>,
  clientAddress: string,
) {
  const isEmailChange = changes.email !== undefined && normalizeEmail(changes.email) !== normalizeEmail(user.email);
  // A new email is where password resets go: only the one who knows the password may move it.
  if (isEmailChange) await assertCurrentPassword(user, changes.currentPassword, clientAddress);
  const { account, replacedEmail } = await updateProfile(user.id, {
    name: changes.name,
    email: isEmailChange ? changes.email : undefined,
  });
  if (replacedEmail) noticeEmailChanged(replacedEmail, account.email);
  return account;
}

/**
 * The new password's hash, and the new session version when every other device was signed out (the caller's own
 * session then needs a fresh cookie with it), or null when the other sessions stay.
 */
export async function changePassword(
  user: SessionUser,
  input: z.infer<typeof passwordChangeSchema>,
  clientAddress: string,
): Promise<{ passwordHash: string; sessionVersion: number | null }> {
  await assertCurrentPassword(user, input.currentPassword, clientAddress);
  const passwordHash = await hashPassword(input.newPassword);
  const sessionVersion = await replacePassword(user.id, passwordHash, input.signOutOtherDevices);
  // The session's email is the row's, read for this request: no read after the change that could fail it.
  noticePasswordChanged(user.email, input.signOutOtherDevices);
  return { passwordHash, sessionVersion: input.signOutOtherDevices ? sessionVersion : null };
}

export async function saveCustomInstructions(user: SessionUser, input: z.infer<typeof customInstructionsSchema>) {
  await setCustomInstructions(user.id, input.customInstructions || null);
  return { customInstructions: input.customInstructions || null };
}
