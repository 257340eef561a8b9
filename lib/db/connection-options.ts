// DATABASE_URL to node-postgres options, one reading for the app (lib/db/client.ts) and the migrations
// (prisma.config.ts), so that both reach the same server in the same way, TLS settings included.

import type pg from "pg";
import { parse, toClientConfig } from "pg-connection-string";

/**
 * Every setting of the URL is kept: host, port, user, password, database, and the TLS ones (`sslmode`,
 * `sslrootcert`, `sslcert`, `sslkey`), read as libpq and `psql` read them, as a managed database's documentation
 * means them: `require` encrypts without checking the certificate, `verify-ca` / `verify-full` check it (against
 * `sslrootcert` when given). node-postgres alone would take `require` as `verify-full`, so a URL that works with
 * `psql` would fail here.
 */
export function connectionOptionsFromUrl(url: string): pg.ClientConfig {
  const setsCompatibility = new URL(url).searchParams.has("uselibpqcompat");
  const parsed = parse(url, { useLibpqCompat: !setsCompatibility });
  // Discrete fields (never `connectionString`): Prisma's shadow database for `migrate dev` replaces only
  // `database` in these options, which a connection string would override.
  return toClientConfig(parsed);
}
