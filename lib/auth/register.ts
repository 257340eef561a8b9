// Self-service registration.
import { z } from "zod";
import { createUser, type PublicUser } from "../db/users";
import { AppError } from "../errors";
import { isPasswordSignInEnabled } from "../sso/password-sign-in";
import { hashPassword } from "./password";
import { getRegistrationPolicy } from "./registration-policy";
import { hashToken } from "./secret-tokens";

export const registrationSchema = z.strictObject({
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters."),
  name: z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .max(100, "Use at most 100 characters.")
    // Control characters have no place in a name (and NUL cannot even be stored): the form posts raw text.
    .regex(/^[^\p{Cc}]*$/u, "Use letters, digits and punctuation only."),
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
