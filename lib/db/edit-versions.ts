// Optimistic concurrency for the console's edit forms (a model, a provider, a single sign-on provider). Such a form
// sends every field, so a save over a row changed since the form was loaded would silently put back the fields the
// other change made. The form names the version it was loaded from; the update compares it under the row's lock, in
// the transaction that writes, and every real change raises the version.
import { z } from "zod";
import { AppError } from "../errors";

/**
 * The version a change was made on (the console's forms send the one they were loaded from). Left out (API clients
 * and scripts of before), the fields sent are applied to the row as it is now, the others left as they are.
 */
export const expectedVersionSchema = z.number().int().min(1).optional();

/** Refuses a change made on another version than the row's own: nothing is written. */
export function assertExpectedVersion(currentVersion: number, expectedVersion: number | undefined, message: string) {
  if (expectedVersion === undefined || expectedVersion === currentVersion) return;
  throw new AppError("stale_version", message, { details: { currentVersion } });
}
