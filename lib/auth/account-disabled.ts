// A disabled account that gave its right password is told so: it has proved who it is, so the answer reveals
// nothing to a stranger (a wrong password still gets the generic answer).
export const ACCOUNT_DISABLED_MESSAGE = "This account is disabled. Ask an admin to enable it.";

/** Thrown by the credentials check after the password was verified; next-auth hands its message to the form. */
export class AccountDisabledError extends Error {
  constructor() {
    super(ACCOUNT_DISABLED_MESSAGE);
    this.name = "AccountDisabledError";
  }
}

/** Thrown before any password is checked while the admin has turned password sign-in off (SSO only). */
export class PasswordSignInOffError extends Error {
  constructor() {
    super("Password sign-in is turned off here. Use your organisation's sign-in.");
    this.name = "PasswordSignInOffError";
  }
}
