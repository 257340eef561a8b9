// The PostgreSQL extensions the migrations create, tried before any migration runs.
import type pg from "pg";

/** Each ships with PostgreSQL (contrib) and is trusted since PostgreSQL 13: the database's owner may create it. */
const REQUIRED_EXTENSIONS = [{ name: "pg_trgm", neededFor: "search by any part of a word" }] as const;

/**
 * Creates each extension the migrations need, in a transaction rolled back at once. A migration that fails is
 * recorded as failed, and every later start then stops on Prisma's "found failed migrations" until someone resolves
 * it by hand; a refusal found here stops only this start, before anything changed, with the database's reason and
 * what to do. The database's own answer is the only sure one: ownership, CREATE rights, an allow-list of a managed
 * service (Azure's azure.extensions) and a server installed without contrib all decide it.
 */
export async function assertRequiredExtensionsCanBeCreated(client: pg.Client): Promise<void> {
  for (const extension of REQUIRED_EXTENSIONS) {
    await client.query("BEGIN");
    try {
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${extension.name}`);
    } catch (error) {
      throw new Error(describeRefusal(extension, client.database ?? "", error));
    } finally {
      await client.query("ROLLBACK");
    }
  }
}

function describeRefusal(
  extension: (typeof REQUIRED_EXTENSIONS)[number],
  databaseName: string,
  error: unknown,
): string {
  const { message, hint } = error as { message?: string; hint?: string };
  // PostgreSQL's hints end with a full stop, its messages do not.
  const reason = [message ?? String(error), hint?.replace(/\.$/, "")].filter(Boolean).join(". ");
  return (
    `Parley needs the PostgreSQL extension ${extension.name} (${extension.neededFor}), and the database refused to ` +
    `create it: ${reason}. Make the role in DATABASE_URL the owner of the database "${databaseName}", or have its ` +
    `owner or a superuser run "CREATE EXTENSION ${extension.name};" in it (a managed service may also have to allow the ` +
    `extension in its settings), then start Parley again. No migration was applied.`
  );
}
