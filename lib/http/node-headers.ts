// Node's incoming header object as web Headers (a repeated header is an array there, appended entries here).
import type { IncomingHttpHeaders } from "node:http";

export function toWebHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const each of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, each);
  }
  return headers;
}
