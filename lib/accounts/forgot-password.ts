// "Forgot password?": mails a reset link. The answer is the same whether or not the address has an account, and
// takes the same time (the look-up and the mail happen after the answer); requests are counted per address and
// per client, counted whatever the outcome, so the limit reveals nothing either.
import { z } from "zod";
import { countAttempt } from "../db/attempt-counters";
import { findUserIdByEmail } from "../db/password-resets";
import { normalizeEmail } from "../db/users";
import { AppError } from "../errors";
import { isMailConfigured, sendMail } from "../mail/mailer";
import { createResetLink } from "./password-reset";

const WINDOW_SECONDS = 60 * 60;
const PER_EMAIL_PER_HOUR = 3;
const PER_CLIENT_PER_HOUR = 10;

export const forgotPasswordSchema = z.strictObject({ email: z.email("Enter a valid email address.").max(320) });

async function assertWithinLimit(key: string, limit: number): Promise<void> {
  const { count, windowStart } = await countAttempt(key, WINDOW_SECONDS);
  if (count <= limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_SECONDS * 1000 - Date.now()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new AppError("rate_limited", `Too many requests. Try again in ${minutes} minutes.`, {
    details: { retryAfterSeconds },
  });
}

async function mailResetLink(email: string): Promise<void> {
  const userId = await findUserIdByEmail(email);
  if (!userId) return;
  const link = await createResetLink(userId, null);
  if (!link) return;
  await sendMail({
    to: link.email,
    subject: "Reset your Parley password",
    text: [
      "Someone (hopefully you) asked to reset the password of your Parley account.",
      "",
      `Choose a new password here: ${link.url}`,
      "",
      "The link works once, for one hour. Using it signs your account out on every device.",
      "If you did not ask for this, ignore this mail: your password stays as it is.",
    ].join("\n"),
  });
}

export async function requestPasswordResetMail(input: z.infer<typeof forgotPasswordSchema>, clientAddress: string) {
  if (!isMailConfigured()) {
    throw new AppError("not_found", "This Parley sends no mail. Ask an admin for a password reset link.");
  }
  const email = normalizeEmail(input.email);
  await assertWithinLimit(`forgot:client:${clientAddress}`, PER_CLIENT_PER_HOUR);
  await assertWithinLimit(`forgot:email:${email}`, PER_EMAIL_PER_HOUR);
  void mailResetLink(email).catch((error: unknown) => console.error("A password reset mail could not be sent", error));
}
