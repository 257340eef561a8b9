// Can the role in DATABASE_URL create tables where the migrations put them? GRANT ALL ON DATABASE lets it create
// the extensions (tried just before), but since PostgreSQL 15 the schema public is its database owner's alone: the
// first migration then failed half-way, with Prisma's "permission denied for schema public" and a Rust backtrace.
import type pg from "pg";
import { sqlIdentifier } from "../db/connection-refusal";

export async function assertSchemaAcceptsTables(client: pg.Client, schema: string): Promise<void> {
  // Null for a schema that does not exist yet: Prisma creates it, which the database's CREATE right allows.
  const { rows } = await client.query<{ role: string; database: string; canCreate: boolean | null }>(
    `SELECT current_user AS role, current_database() AS database,
            (SELECT has_schema_privilege(oid, 'CREATE') FROM pg_namespace WHERE nspname = $1) AS "canCreate"`,
    [schema],
  );
  const { role = "", database = "", canCreate = null } = rows[0] ?? {};
  if (canCreate !== false) return;
  const [quotedRole, quotedDatabase] = [sqlIdentifier(role), sqlIdentifier(database)];
  throw new Error(
    `The role ${quotedRole} may not create tables in the schema ${schema} of the database ${quotedDatabase}, where ` +
      "Parley's migrations put them (GRANT ALL ON DATABASE is not enough: since PostgreSQL 15 only the database's " +
      "owner may create there). Have its owner or a superuser make the role the database's owner, " +
      `"ALTER DATABASE ${quotedDatabase} OWNER TO ${quotedRole};" (for a new database: ` +
      `"CREATE DATABASE ${quotedDatabase} OWNER ${quotedRole};"), then start Parley again. No migration was applied.`,
  );
}
