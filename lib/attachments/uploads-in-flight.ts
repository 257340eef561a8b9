// The memory uploads hold while they are read: each holds its whole file until it is checked and stored, so a sender
// that stops just before the end holds it for as long as the connection stays open. Bounded three ways: an upload
// that sends nothing for UPLOAD_IDLE_MS is dropped (upload.ts); one user's uploads at once hold at most what one
// message may carry (the admin's total per message, or one file when that is larger: more could not be sent in one
// message anyway); and all uploads of this process at once hold at most UPLOADS_IN_FLIGHT_BYTES.
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";

export const UPLOADS_IN_FLIGHT_BYTES = 1024 * MEGABYTE;
export const UPLOAD_IDLE_MS = 30_000;

const inFlight = { total: 0, byUser: new Map<string, number>() };

/** What all uploads being read may hold now: the document readers leave it out of the memory they watch. */
export function heldUploadBytes(): number {
  return inFlight.total;
}

/**
 * Counts `bytes` (what the upload may come to) against the user's and the process's bounds, or refuses: 429 when
 * the user's own uploads would pass what a message may carry, 503 when the process's would. Returns the release.
 */
export function holdUploadMemory(userId: string, bytes: number, perUserBytes: number): () => void {
  const own = inFlight.byUser.get(userId) ?? 0;
  if (own + bytes > perUserBytes) {
    throw new AppError(
      "too_many_uploads",
      `Your uploads at once are limited to ${perUserBytes / MEGABYTE} MB, what one message may carry. Wait for one to finish.`,
    );
  }
  if (inFlight.total + bytes > UPLOADS_IN_FLIGHT_BYTES) {
    throw new AppError("unavailable", "The server is receiving too many files at once. Try again in a moment.", {
      details: { retryAfterSeconds: 5 },
    });
  }
  inFlight.total += bytes;
  inFlight.byUser.set(userId, own + bytes);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    inFlight.total -= bytes;
    const left = (inFlight.byUser.get(userId) ?? bytes) - bytes;
    if (left > 0) inFlight.byUser.set(userId, left);
    else inFlight.byUser.delete(userId);
  };
}
