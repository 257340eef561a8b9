// POST /api/attachments?name=<file name> – upload a file (the raw bytes as the body) for the caller's next message.
// Served on node:http directly, like the event-stream routes, not as a Next route handler: there the body passed
// through three layers of web streams, one of which (undici's) copied every chunk, about a fifth of the server's
// CPU per upload and a share of its garbage, in the process that streams everyone's replies (`npm run bench`,
// "upload stall"). Everything else is as in any route: the session, the checks, the error shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseUploadName, uploadAttachment } from "../attachments/upload";
import { requireRequestUser } from "../auth/session";
import { errorResponse, jsonResponse } from "../http/handler";

export const uploadRoute = { method: "POST", path: "/api/attachments" } as const;

async function sendResponse(target: ServerResponse, response: Response): Promise<void> {
  target.writeHead(response.status, Object.fromEntries(response.headers));
  target.end(Buffer.from(await response.arrayBuffer()));
}

async function serveUpload(request: IncomingMessage, response: ServerResponse, query: string): Promise<void> {
  try {
    const name = parseUploadName(new URLSearchParams(query));
    // Authenticated before reading: only signed-in users may make the server read a file.
    const user = await requireRequestUser(request.headers.cookie);
    const declaredLength = Number(request.headers["content-length"] ?? 0);
    const drop = (error: Error) => request.destroy(error);
    const attachment = await uploadAttachment(user, { chunks: request, declaredLength, drop }, name);
    await sendResponse(response, jsonResponse(attachment, 201));
  } catch (error) {
    await sendResponse(response, errorResponse(error));
  }
}

/** Serves the request when it is the upload route; false lets the caller hand it to Next. */
export function serveUploadRoute(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? "";
  const queryStart = url.includes("?") ? url.indexOf("?") : url.length;
  const path = url.slice(0, queryStart);
  if (path !== uploadRoute.path && path !== `${uploadRoute.path}/`) return false;
  if (request.method === uploadRoute.method) void serveUpload(request, response, url.slice(queryStart + 1));
  else response.writeHead(405, { Allow: uploadRoute.method }).end();
  return true;
}
