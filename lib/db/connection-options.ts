// DATABASE_URL to node-postgres options, one reading for the app (lib/db/client.ts) and the migrations
// (prisma.config.ts), so that both reach the same server in the same way, TLS settings included.

import pg from "pg";
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

/**
 * The URL with libpq's own choice of TLS made explicit when it names none. Without `sslmode`, `psql` encrypts
 * whenever the server offers TLS and connects in the clear otherwise (`prefer`); node-postgres alone never
 * encrypts, so a server that accepts only encrypted connections (the default of several managed services) refused
 * a URL that works with `psql`. One connection finds out: `sslmode=prefer` (TLS, the certificate unchecked, as libpq
 * does) when the server offers TLS, the URL as it was when it does not or cannot be reached.
 */
export async function withDefaultTlsMode(url: string, timeoutMs = 10_000): Promise<string> {
  const parameters = new URL(url).searchParams;
  if (parameters.has("sslmode") || parameters.has("ssl")) return url;
  const preferring = `${url}${url.includes("?") ? "&" : "?"}sslmode=prefer`;
  const probe = new pg.Client({ ...connectionOptionsFromUrl(preferring), connectionTimeoutMillis: timeoutMs });
  try {
    await probe.connect();
    return preferring;
  } catch (error) {
    // A refusal from PostgreSQL itself (a password, pg_hba.conf) came over TLS, after the handshake. Anything else
    // (no TLS offered, no answer in time, a failed handshake, no server) leaves it as libpq would fall back: in the
    // clear, as the URL says.
    return error instanceof pg.DatabaseError ? preferring : url;
  } finally {
    await probe.end().catch(() => {});
  }
}
