// next-auth answers any failure inside its callbacks as "signed out": the session endpoint clears the cookie and a
// sign-in reads "invalid email or password", with the raw error in the redirect URL. A database outage is neither,
// so the callbacks note it here and the auth route answers 503 instead of whatever next-auth made of it.
import { AsyncLocalStorage } from "node:async_hooks";
import { databaseUnavailableError, isOutageError } from "../db/database-unavailable";
import { publicSiteUrl } from "../env";
import { AppError } from "../errors";
import { errorResponse } from "../http/handler";

type OutageScope = { failure?: AppError };
const outageScope = new AsyncLocalStorage<OutageScope>();

/** Notes whether `error` was a database outage, for the 503; true when it was. */
export function noteIfOutage(error: unknown): boolean {
  const scope = outageScope.getStore();
  if (!isOutageError(error)) return false;
  if (scope && !scope.failure) scope.failure = error instanceof AppError ? error : databaseUnavailableError(error);
  return true;
}

/** For next-auth callbacks: rethrows `error`, noting first whether it was a database outage. */
export function noteAuthFailure(error: unknown): never {
  noteIfOutage(error);
  throw error;
}

/**
 * Runs next-auth for one request; when the database could not be reached meanwhile, answers 503 and drops
 * next-auth's response with its cleared cookies. `url` keeps the shape next-auth's client reads after a sign-in.
 */
export async function answerUnlessDatabaseDown(run: () => Promise<Response>): Promise<Response> {
  const scope: OutageScope = {};
  const response = await outageScope.run(scope, run);
  if (!scope.failure) return response;
  const answer = errorResponse(scope.failure);
  const body = (await answer.json()) as Record<string, unknown>;
  const url = `${publicSiteUrl()}/sign-in?error=DatabaseUnavailable`;
  return Response.json({ ...body, url }, { status: answer.status, headers: answer.headers });
}
