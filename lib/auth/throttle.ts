// Throttling of password guessing and of registrations, counted in PostgreSQL (lib/db/attempt-counters.ts) so
// that every app process sees the same counts.
//
// Sign-in: after 5 failures for one account, or SIGN_IN_FAILURES_PER_ADDRESS from one client address, further
// attempts are refused, without hashing, for 1 minute, then 2, 4, ... up to an hour after each new failure. Each
// attempt is counted before its password is hashed (and taken back when it was right), so that a burst of
// parallel guesses meets the same limit as guesses one after another.
// Failures are forgotten a day after the first of a series; a good password clears its account's count (not
// its address's: else one valid account would reset the address's count between guesses at others).
// A known device of the account (lib/auth/known-devices.ts), and Settings' current-password check, count under a
// key of their own instead of the account's: guesses from elsewhere lock the account, not its owner's browsers.
// Registration: at most REGISTRATIONS_PER_ADDRESS_PER_HOUR attempts per client address.
import { countAttempt, deleteStaleAttempts, forgetAttempts, releaseAttempt, takeAttempt } from "../db/attempt-counters";
import { env } from "../env";
import { AppError } from "../errors";

const ACCOUNT_FAILURE_LIMIT = 5;
const FAILURE_WINDOW_SECONDS = 24 * 60 * 60;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;
const REGISTRATION_WINDOW_SECONDS = 60 * 60;

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
/** Whose failures an attempt counts with: the account's, or a counter of its own (a known device's). */
const accountOrOwnKey = (email: string, ownCounter: string | null) =>
  ownCounter ? `sign-in:own:${ownCounter}` : accountKey(email);
const addressKey = (address: string) => `sign-in:address:${address}`;

function minutesUntil(time: Date): number {
  return Math.max(1, Math.ceil((time.getTime() - Date.now()) / 60_000));
}

export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Thrown before the password is checked; next-auth hands its message to the sign-in form as `error`. */
export class SignInThrottledError extends Error {
  readonly retryInMinutes: number;
  constructor(lockedUntil: Date) {
    const minutes = minutesUntil(lockedUntil);
    super(tooManyAttemptsMessage(minutes));
    this.name = "SignInThrottledError";
    this.retryInMinutes = minutes;
  }
}

function lockMsAfter(count: number, limit: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(count - limit, 16), LONGEST_LOCK_MS);
}

/**
 * Takes a sign-in attempt for the account and the client address before the password is hashed: throws while
 * either is locked out, and the attempt that reaches a limit locks it at once, so that guesses sent in parallel
 * cannot slip past the limit while the hashes of the earlier ones run. Call finishSignInAttempt with the outcome.
 */
export async function beginSignInAttempt(
  email: string,
  clientAddress: string,
  ownCounter: string | null = null,
): Promise<void> {
  // Now and then, rather than on a timer no process owns: every row over two days old is over.
  if (Math.random() < 0.01) await deleteStaleAttempts(new Date(Date.now() - 2 * FAILURE_WINDOW_SECONDS * 1000));
  const addressLimit = env().SIGN_IN_FAILURES_PER_ADDRESS;
  const address = await takeAttempt(addressKey(clientAddress), {
    windowSeconds: FAILURE_WINDOW_SECONDS,
    limit: addressLimit,
    lockMs: (count) => lockMsAfter(count, addressLimit),
  });
  if (address.refusedUntil) throw new SignInThrottledError(address.refusedUntil);
  const account = await takeAttempt(accountOrOwnKey(email, ownCounter), {
    windowSeconds: FAILURE_WINDOW_SECONDS,
    limit: ACCOUNT_FAILURE_LIMIT,
    lockMs: (count) => lockMsAfter(count, ACCOUNT_FAILURE_LIMIT),
  });
  if (account.refusedUntil) {
    await releaseAttempt(addressKey(clientAddress));
    throw new SignInThrottledError(account.refusedUntil);
  }
}

/**
 * A failure stays counted. The right password clears its account's count and lock, and takes back the address's
 * attempt (not its whole count: else one valid account would reset the address's count between guesses at others).
 */
export async function finishSignInAttempt(
  email: string,
  clientAddress: string,
  isPasswordValid: boolean,
  ownCounter: string | null = null,
) {
  if (!isPasswordValid) return;
  // A success on a counter of its own clears that count only: the account's stays with whoever else is guessing.
  await forgetAttempts(accountOrOwnKey(email, ownCounter));
  await releaseAttempt(addressKey(clientAddress));
}

/** Counts the attempt, whatever its outcome: answers such as "email taken" are worth limiting too. */
export async function assertRegistrationAllowed(clientAddress: string): Promise<void> {
  const { count, windowStart } = await countAttempt(`register:address:${clientAddress}`, REGISTRATION_WINDOW_SECONDS);
  if (count <= env().REGISTRATIONS_PER_ADDRESS_PER_HOUR) return;
  const windowEnd = new Date(windowStart.getTime() + REGISTRATION_WINDOW_SECONDS * 1000);
  throw new AppError("rate_limited", tooManyAttemptsMessage(minutesUntil(windowEnd)), {
    details: { retryAfterSeconds: Math.ceil((windowEnd.getTime() - Date.now()) / 1000) },
  });
}
