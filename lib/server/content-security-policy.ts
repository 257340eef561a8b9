// The Content-Security-Policy of every page, with a fresh nonce per request: only scripts that carry it (Next's
// own, which it stamps when the request names the nonce, and our theme script), and those they load, may run.
// No inline script from anywhere else, message content included, can execute.
import { randomBytes } from "node:crypto";

/** The request header pages read the nonce from (app/layout.tsx), set by the server on every request to Next. */
export const NONCE_HEADER = "x-nonce";

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // KaTeX positions glyphs with style attributes; Next inlines critical CSS.
    "style-src 'self' 'unsafe-inline'",
    // Any https host only because a reader can choose to load an image shown in a message
    // (app/_components/markdown/external-image.tsx): the Markdown renderer never creates one before that click.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
