// Outgoing mail (password reset links, notices of sign-in changes), through SMTP_URL with nodemailer. Without
// SMTP_URL and MAIL_FROM Parley sends no mail, and the pages that would need it say to ask an admin instead.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

let transporter: Transporter | undefined;

export function isMailConfigured(): boolean {
  const { SMTP_URL, MAIL_FROM } = env();
  return Boolean(SMTP_URL && MAIL_FROM);
}

export type MailMessage = { to: string; subject: string; text: string };

export async function sendMail(message: MailMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL || !MAIL_FROM) throw new Error("Mail is not configured (SMTP_URL and MAIL_FROM).");
  transporter ??= nodemailer.createTransport(SMTP_URL);
  await transporter.sendMail({ from: MAIL_FROM, ...message });
}
