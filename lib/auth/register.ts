// Self-service registration.
import { z } from "zod";
import { createUser, type PublicUser } from "../db/users";
import { hashPassword } from "./password";
import { getRegistrationPolicy } from "./registration-policy";

export const registrationSchema = z.strictObject({
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters."),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
});

export type Registration = z.infer<typeof registrationSchema>;

export async function registerUser(input: Registration): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const { policy } = await getRegistrationPolicy();
  return createUser({ email: input.email, name: input.name, passwordHash }, policy);
}
