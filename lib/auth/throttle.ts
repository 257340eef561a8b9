// Throttling of password guessing and of registrations, counted in PostgreSQL (lib/db/attempt-counters.ts) so
// that every app process sees the same counts.
//
// Sign-in: after 5 failures for one account, or SIGN_IN_FAILURES_PER_ADDRESS from one client address, further
// attempts are refused, without hashing, for 1 minute, then 2, 4, ... up to an hour after each new failure.
// Failures are forgotten a day after the first of a series; a good password clears its account's count (not
// its address's: else one valid account would reset the address's count between guesses at others).
// Registration: at most REGISTRATIONS_PER_ADDRESS_PER_HOUR attempts per client address.
import { countAttempt, deleteStaleAttempts, forgetAttempts, getActiveLock, lockKey } from "../db/attempt-counters";
import { env } from "../env";
import { AppError } from "../errors";

const ACCOUNT_FAILURE_LIMIT = 5;
const FAILURE_WINDOW_SECONDS = 24 * 60 * 60;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;
const REGISTRATION_WINDOW_SECONDS = 60 * 60;

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
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

export async function assertSignInAllowed(email: string, clientAddress: string): Promise<void> {
  const lockedUntil = await getActiveLock([accountKey(email), addressKey(clientAddress)]);
  if (lockedUntil) throw new SignInThrottledError(lockedUntil);
}

async function countFailure(key: string, limit: number): Promise<void> {
  // Now and then, rather than on a timer no process owns: every row over two days old is over.
  if (Math.random() < 0.01) await deleteStaleAttempts(new Date(Date.now() - 2 * FAILURE_WINDOW_SECONDS * 1000));
  const { count } = await countAttempt(key, FAILURE_WINDOW_SECONDS);
  if (count < limit) return;
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** Math.min(count - limit, 16), LONGEST_LOCK_MS);
  await lockKey(key, new Date(Date.now() + lockMs));
}

export async function recordSignInFailure(email: string, clientAddress: string): Promise<void> {
  await countFailure(accountKey(email), ACCOUNT_FAILURE_LIMIT);
  await countFailure(addressKey(clientAddress), env().SIGN_IN_FAILURES_PER_ADDRESS);
}

export async function recordSignInSuccess(email: string): Promise<void> {
  await forgetAttempts(accountKey(email));
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
