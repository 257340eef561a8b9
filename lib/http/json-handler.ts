// The common shape of a JSON route handler, in the order every handler keeps: the path's id parsed, the body
// validated, the caller authenticated, the use case called, its answer sent as JSON (or 204 when it answers
// nothing). Handlers of another shape (streams, files, query strings, no session) use `handle` directly.
import type { z } from "zod";
import { parseId } from "../access/ids";
import type { SessionUser } from "../auth/session";
import { handle, jsonResponse, parseJsonBody } from "./handler";

type JsonHandlerOptions<Body> = {
  /** requireApiUser or requireApiAdmin: who may call, and the caller handed on. */
  authenticate: () => Promise<SessionUser>;
  /** The body's schema; without it the handler reads no body. */
  body?: z.ZodType<Body>;
  /** 201 when the call creates something. */
  status?: 200 | 201;
};

function respond(answer: unknown, status: number | undefined): Response {
  return answer === undefined ? new Response(null, { status: 204 }) : jsonResponse(answer, status);
}

/** A handler for a path without an id (`/api/admin/models`). */
export function jsonHandler<Body = undefined>(
  { authenticate, body, status }: JsonHandlerOptions<Body>,
  call: (caller: SessionUser, input: Body) => Promise<unknown>,
) {
  return handle(async (request) => {
    const input = body ? await parseJsonBody(request, body) : (undefined as Body);
    const caller = await authenticate();
    return respond(await call(caller, input), status);
  });
}

/** A handler for a path with an id (`/api/teams/{id}`). */
export function jsonHandlerForId<Body = undefined>(
  { authenticate, body, status }: JsonHandlerOptions<Body>,
  call: (caller: SessionUser, id: string, input: Body) => Promise<unknown>,
) {
  return handle<{ id: string }>(async (request, params) => {
    const id = parseId(params.id);
    const input = body ? await parseJsonBody(request, body) : (undefined as Body);
    const caller = await authenticate();
    return respond(await call(caller, id, input), status);
  });
}
