// Next renders a server action's redirect (a sign-in's, say) by fetching the page from this very server, with the
// action's request headers, X-Forwarded-For among them (Next sets it on every request it serves). That request comes
// from loopback naming a client, as a reverse proxy's would, and is not one: it must not make Parley tell the
// operator to trust a proxy that does not exist. Each request handed to Next carries a token only this process
// knows, which Next forwards with the rest; a request that arrives showing it is the process's own.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

const SELF_REQUEST_HEADER = "x-parley-self-request";
const token = randomBytes(16).toString("hex");

/** Whether the request was made by this process's Next for itself. */
export function isSelfRequest(request: IncomingMessage): boolean {
  return request.headers[SELF_REQUEST_HEADER] === token;
}

/** Before Next handles the request: whatever it fetches from this server on the request's behalf shows the token. */
export function markForSelfRequests(request: IncomingMessage): void {
  request.headers[SELF_REQUEST_HEADER] = token;
}
