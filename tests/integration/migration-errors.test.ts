// What the launcher says when the migrations cannot run: Prisma's own reason, without its warning that the schema's
// datasource url is "NOT used", which reads as if DATABASE_URL had been ignored; and, before any migration, the
// database's refusal of an extension the migrations create, with what to do.
import { randomUUID } from "node:crypto";
import { expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { applyMigrations } from "@/lib/bootstrap/migrate";
import { queryDatabase } from "../support/database-query";

it("names the unreachable server and leaves out the schema url warning", async () => {
  const port = await findFreePort();
  const failure = await applyMigrations(`postgresql://parley:secret@127.0.0.1:${port}/parley`).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain(`Can't reach database server at \`127.0.0.1:${port}\``);
  expect(failure).not.toMatch(/will NOT be used|WARNING/);
});

it("stops before any migration when the database refuses an extension, and applies them all once it is allowed", async () => {
  // A database a DBA prepared: owned by the cluster's superuser, its role only let in.
  const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
  const [database, role] = [`parley_guarded_${suffix}`, `parley_tenant_${suffix}`];
  await queryDatabase(inject("clusterUrl"), `CREATE DATABASE ${database}`);
  await queryDatabase(inject("clusterUrl"), `CREATE ROLE ${role} LOGIN PASSWORD 'tenant'`);
  const superuserUrl = new URL(inject("clusterUrl"));
  superuserUrl.pathname = `/${database}`;
  const roleUrl = new URL(superuserUrl);
  [roleUrl.username, roleUrl.password] = [role, "tenant"];

  const failure = await applyMigrations(roleUrl.toString()).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toBe(
    "Parley needs the PostgreSQL extension pg_trgm (search by any part of a word), and the database refused to " +
      'create it: permission denied to create extension "pg_trgm". Must have CREATE privilege on current database ' +
      `to create this extension. Make the role in DATABASE_URL the owner of the database "${database}", or have its ` +
      'owner or a superuser run "CREATE EXTENSION pg_trgm;" in it (a managed service may also have to allow the ' +
      "extension in its settings), then start Parley again. No migration was applied.",
  );
  // Nothing recorded, so no failed migration for the next start to stop on.
  expect(await queryDatabase(superuserUrl.toString(), "SELECT to_regclass('_prisma_migrations') AS log")).toEqual([
    { log: null },
  ]);

  await queryDatabase(inject("clusterUrl"), `ALTER DATABASE ${database} OWNER TO ${role}`);
  expect(await applyMigrations(roleUrl.toString())).toContain("20261128300000_history_search");
});

it("stops before any migration when the role may not create tables in the schema public, naming the fix", async () => {
  // GRANT ALL ON DATABASE lets the role create the extension, but since PostgreSQL 15 the schema public is its owner's.
  const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
  const [database, role] = [`parley_granted_${suffix}`, `parley_grantee_${suffix}`];
  await queryDatabase(inject("clusterUrl"), `CREATE DATABASE ${database}`);
  await queryDatabase(inject("clusterUrl"), `CREATE ROLE ${role} LOGIN PASSWORD 'grantee'`);
  await queryDatabase(inject("clusterUrl"), `GRANT ALL ON DATABASE ${database} TO ${role}`);
  const superuserUrl = new URL(inject("clusterUrl"));
  superuserUrl.pathname = `/${database}`;
  const roleUrl = new URL(superuserUrl);
  [roleUrl.username, roleUrl.password] = [role, "grantee"];

  const failure = await applyMigrations(roleUrl.toString()).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toBe(
    `The role ${role} may not create tables in the schema public of the database ${database}, where Parley's ` +
      "migrations put them (GRANT ALL ON DATABASE is not enough: since PostgreSQL 15 only the database's owner may " +
      `create there). Have its owner or a superuser make the role the database's owner, "ALTER DATABASE ${database} ` +
      `OWNER TO ${role};" (for a new database: "CREATE DATABASE ${database} OWNER ${role};"), then start Parley ` +
      "again. No migration was applied.",
  );
  expect(await queryDatabase(superuserUrl.toString(), "SELECT to_regclass('_prisma_migrations') AS log")).toEqual([
    { log: null },
  ]);
});

it("says how to create a database that does not exist, owned by the role in DATABASE_URL", async () => {
  const database = `parley_missing_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const url = new URL(inject("clusterUrl"));
  url.pathname = `/${database}`;
  const failure = await applyMigrations(url.toString()).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toBe(
    `The database ${database} does not exist on that server (database "${database}" does not exist). Have a ` +
      `superuser create it, owned by the role in DATABASE_URL: "CREATE DATABASE ${database} OWNER ${url.username};", ` +
      "then start Parley again.",
  );
});
