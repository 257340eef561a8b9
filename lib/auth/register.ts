// Self-service registration.
import { z } from "zod";
import { createUser, type PublicUser } from "../db/users";
import { AppError } from "../errors";
import { isPasswordSignInEnabled } from "../sso/password-sign-in";
import { hashPassword } from "./password";
import { personNameSchema } from "./person-name";
import { getRegistrationPolicy } from "./registration-policy";
import { hashToken } from "./secret-tokens";

export const registrationSchema = z.strictObject({
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters."),
  name: personNameSchema,
  // The token of an invitation link: the new account joins that team, even when registration is closed.
  invitation: z
    .string()
    .max(100)
    .regex(/^[^\p{Cc}]*$/u)
    .optional(),
});

export type Registration = z.infer<typeof registrationSchema>;

/** Refused while password sign-in is off: such an account could never sign in, and would only hold its address. */
export async function registerUser(input: Registration): Promise<PublicUser> {
  if (!(await isPasswordSignInEnabled())) {
    throw new AppError("forbidden", "Password sign-in is turned off here: sign in with single sign-on instead.");
  }
  const passwordHash = await hashPassword(input.password);
  const { policy } = await getRegistrationPolicy();
  const invitationTokenHash = input.invitation === undefined ? undefined : hashToken(input.invitation);
  return createUser({ email: input.email, name: input.name, passwordHash }, policy, invitationTokenHash);
}
