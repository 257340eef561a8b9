// What to tell the admin when the database refuses Parley's connection for a reason Prisma's own words would hide:
// Prisma reports a pg_hba.conf refusal as "User was denied access on the database", which reads as a missing
// permission, and a certificate it cannot verify without naming the setting that fixes it.

// node's TLS errors for a certificate that could not be verified.
const UNVERIFIED_CERTIFICATE = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
// PostgreSQL's SQLSTATE for a connection its pg_hba.conf does not let in (a wrong password is 28P01).
const REJECTED_BY_HOST_RULES = "28000";
// PostgreSQL's SQLSTATE for a connection to a database that does not exist (invalid_catalog_name).
const NO_SUCH_DATABASE = "3D000";

/** A name as SQL needs it written: as it is when PostgreSQL would read it unchanged, else in double quotes. */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The admin's explanation of a refused connection, or null when Prisma's words say it well enough. */
export function describeConnectionRefusal(
  error: unknown,
  target: { database?: string; user?: string } = {},
): string | null {
  const { code, message } = error as { code?: string; message?: string };
  if (code === NO_SUCH_DATABASE) {
    // Prisma says only "Database `x` does not exist"; the README's way is a database the role owns.
    const [database, role] = [sqlIdentifier(target.database ?? ""), sqlIdentifier(target.user ?? "")];
    return (
      `The database ${database} does not exist on that server (${message}). Have a superuser create it, owned by ` +
      `the role in DATABASE_URL: "CREATE DATABASE ${database} OWNER ${role};", then start Parley again.`
    );
  }
  if (code && UNVERIFIED_CERTIFICATE.has(code)) {
    return (
      `The database's TLS certificate could not be verified (${message}). With sslmode=verify-full or ` +
      "verify-ca, add sslrootcert=/path/to/ca.pem to DATABASE_URL: the certificate of the authority that signed " +
      "the server's (a managed service publishes its bundle); or use sslmode=require to encrypt without checking."
    );
  }
  if (code !== REJECTED_BY_HOST_RULES) return null;
  const advice = message?.includes("no encryption")
    ? "The server accepts only encrypted connections: add sslmode=require to DATABASE_URL " +
      "(or sslmode=verify-full with sslrootcert to also check its certificate)."
    : "No rule of the server's pg_hba.conf lets this user in from this address to this database: check the user, " +
      "the database and the host in DATABASE_URL, or ask the database's admin to allow it.";
  return `The database refused the connection: ${message}. ${advice}`;
}
