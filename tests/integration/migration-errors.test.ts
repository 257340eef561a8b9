// What the launcher says when the migrations cannot run: Prisma's own reason, without its warning that the schema's
// datasource url is "NOT used", which reads as if DATABASE_URL had been ignored; and, before any migration, the
// database's refusal of an extension the migrations create, with what to do.
import { randomUUID } from "node:crypto";
import { expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { applyMigrations } from "@/lib/bootstrap/migrate";
import { queryDatabase } from "../support/database-query";

/** The reason the migrations stopped with, or null when they ran. */
const migrationFailure = (databaseUrl: string) =>
  applyMigrations(databaseUrl).then(
    () => null,
    (error: Error) => error.message,
  );

/** Whether Prisma's log of applied migrations exists: nothing recorded, nothing for the next start to stop on. */
const migrationLog = (superuserUrl: URL) =>
  queryDatabase(superuserUrl.toString(), "SELECT to_regclass('_prisma_migrations') AS log");

/**
 * A database a DBA prepared: owned by the cluster's superuser, its role only let in (and given `grants`, SQL run
 * after it exists). The URLs reach it as the superuser and as the role.
 */
async function databaseForRole(prefix: string, grants: (database: string, role: string) => string[] = () => []) {
  const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
  const [database, role] = [`parley_${prefix}_${suffix}`, `parley_${prefix}_role_${suffix}`];
  await queryDatabase(inject("clusterUrl"), `CREATE DATABASE ${database}`);
  await queryDatabase(inject("clusterUrl"), `CREATE ROLE ${role} LOGIN PASSWORD 'tenant'`);
  for (const grant of grants(database, role)) await queryDatabase(inject("clusterUrl"), grant);
  const superuserUrl = new URL(inject("clusterUrl"));
  superuserUrl.pathname = `/${database}`;
  const roleUrl = new URL(superuserUrl);
  [roleUrl.username, roleUrl.password] = [role, "tenant"];
  return { database, role, superuserUrl, roleUrl };
}

it("names the unreachable server and leaves out the schema url warning", async () => {
  const port = await findFreePort();
  const failure = await migrationFailure(`postgresql://parley:secret@127.0.0.1:${port}/parley`);
  expect(failure).toContain(`Can't reach database server at \`127.0.0.1:${port}\``);
  expect(failure).not.toMatch(/will NOT be used|WARNING/);
});

it("stops before any migration when the database refuses an extension, and applies them all once it is allowed", async () => {
  const { database, role, superuserUrl, roleUrl } = await databaseForRole("guarded");
  const failure = await migrationFailure(roleUrl.toString());
  expect(failure).toBe(
    "Parley needs the PostgreSQL extension pg_trgm (search by any part of a word), and the database refused to " +
      'create it: permission denied to create extension "pg_trgm". Must have CREATE privilege on current database ' +
      `to create this extension. Make the role in DATABASE_URL the owner of the database "${database}", or have its ` +
      'owner or a superuser run "CREATE EXTENSION pg_trgm;" in it (a managed service may also have to allow the ' +
      "extension in its settings), then start Parley again. No migration was applied.",
  );
  expect(await migrationLog(superuserUrl)).toEqual([{ log: null }]);

  await queryDatabase(inject("clusterUrl"), `ALTER DATABASE ${database} OWNER TO ${role}`);
  expect(await applyMigrations(roleUrl.toString())).toContain("20261128300000_history_search");
});

it("stops before any migration when the role may not create tables in the schema public, naming the fix", async () => {
  // GRANT ALL ON DATABASE lets the role create the extension, but since PostgreSQL 15 the schema public is its owner's.
  const { database, role, superuserUrl, roleUrl } = await databaseForRole("granted", (database, role) => [
    `GRANT ALL ON DATABASE ${database} TO ${role}`,
  ]);
  const failure = await migrationFailure(roleUrl.toString());
  expect(failure).toBe(
    `The role ${role} may not create tables in the schema public of the database ${database}, where Parley's ` +
      "migrations put them (GRANT ALL ON DATABASE is not enough: since PostgreSQL 15 only the database's owner may " +
      `create there). Have its owner or a superuser make the role the database's owner, "ALTER DATABASE ${database} ` +
      `OWNER TO ${role};" (for a new database: "CREATE DATABASE ${database} OWNER ${role};"), then start Parley ` +
      "again. No migration was applied.",
  );
  expect(await migrationLog(superuserUrl)).toEqual([{ log: null }]);
});

it("says how to create a database that does not exist, owned by the role in DATABASE_URL", async () => {
  const database = `parley_missing_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const url = new URL(inject("clusterUrl"));
  url.pathname = `/${database}`;
  const failure = await migrationFailure(url.toString());
  expect(failure).toBe(
    `The database ${database} does not exist on that server (database "${database}" does not exist). Have a ` +
      `superuser create it, owned by the role in DATABASE_URL: "CREATE DATABASE ${database} OWNER ${url.username};", ` +
      "then start Parley again.",
  );
});
