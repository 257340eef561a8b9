// Mails telling a person that their account's sign-in changed, so that a change they did not make (someone at their
// unlocked computer, or with their password) does not go unnoticed: to the old address when the email changes (the
// new one belongs to whoever changed it), and to the account's address when the password changes or a single
// sign-on provider's account is linked to it (a new way in, which ends the password when joined by email). Sent only when
// Parley sends mail, after the change is saved; a mail that fails is logged and never undoes the change.
import { publicSiteUrl } from "../env";
import { isMailConfigured, type MailMessage, sendMail } from "../mail/mailer";

const IF_NOT_YOU =
  "If you did not make this change, someone else may be using your account: ask an admin of this Parley to look at it right away.";

function send(message: MailMessage, what: string): void {
  if (!isMailConfigured()) return;
  void sendMail(message).catch((error: unknown) =>
    console.error(`[parley] the notice of ${what} could not be mailed`, error),
  );
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function noticeEmailChanged(previousEmail: string, newEmail: string, at = new Date()): void {
  send(
    {
      to: previousEmail,
      subject: "The email of your Parley account was changed",
      text: [
        `On ${when(at)}, the email of your account at ${publicSiteUrl()} was changed from ${previousEmail} to ${newEmail}.`,
        "From now on you sign in with the new address, and password reset links go there.",
        "",
        IF_NOT_YOU,
      ].join("\n"),
    },
    "an email change",
  );
}

export function noticePasswordChanged(email: string, endedOtherSessions: boolean, at = new Date()): void {
  send(
    {
      to: email,
      subject: "The password of your Parley account was changed",
      text: [
        `On ${when(at)}, the password of your account at ${publicSiteUrl()} was changed from its Settings.`,
        endedOtherSessions
          ? "Every other device signed in to it was signed out."
          : "Devices already signed in to it stay signed in.",
        "",
        IF_NOT_YOU,
      ].join("\n"),
    },
    "a password change",
  );
}

/**
 * `joinedByEmail`: the provider vouched for the address and the account was joined to it at a sign-in, which ended
 * its password; otherwise it was linked from the account's Settings.
 */
export function noticeSignInLinked(
  email: string,
  providerLabel: string,
  joinedByEmail: boolean,
  at = new Date(),
): void {
  send(
    {
      to: email,
      subject: `${providerLabel} now signs in to your Parley account`,
      text: [
        joinedByEmail
          ? `On ${when(at)}, someone signed in to ${publicSiteUrl()} with ${providerLabel}, which vouched for ${email}, and was given your account.`
          : `On ${when(at)}, an account at ${providerLabel} was linked to your account at ${publicSiteUrl()} from its Settings.`,
        joinedByEmail
          ? `Its password no longer works, and every device signed in to it was signed out: sign in with ${providerLabel}, or set a new password with "Forgot password?" on the sign-in page.`
          : `Whoever holds that account at ${providerLabel} can sign in to yours with it.`,
        "",
        IF_NOT_YOU,
      ].join("\n"),
    },
    `a sign-in linked with ${providerLabel}`,
  );
}
