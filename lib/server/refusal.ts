// Answers the server gives before a request reaches a route (body too large, cross-site, an upgrade nobody serves),
// in the JSON error shape of every route; where nothing more is wanted from the client, the connection is closed.
import { type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type ErrorCode, errorStatus } from "../errors";

type Refusal = { code: ErrorCode; message: string };

function bodyOf({ code, message }: Refusal): string {
  return JSON.stringify({ error: { code, message } });
}

/** `closeConnection`: the client may still be sending a body nobody will read; closing is cheaper than draining. */
export function sendRefusal(response: ServerResponse, refusal: Refusal, closeConnection = false): void {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (closeConnection) headers.Connection = "close";
  response.writeHead(errorStatus[refusal.code], headers).end(bodyOf(refusal));
}

/** An upgraded socket has no ServerResponse: the HTTP answer is written by hand, then the socket is closed. */
export function refuseOnSocket(socket: Duplex, refusal: Refusal): void {
  const body = bodyOf(refusal);
  const status = errorStatus[refusal.code];
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  socket.on("error", () => socket.destroy());
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`, () => socket.destroy());
}
