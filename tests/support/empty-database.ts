// A fresh, migrated database on the test cluster, for tests that need an empty one (first user, first start).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "../../lib/bootstrap/migrate";

export async function createEmptyDatabase(): Promise<string> {
  const name = `parley_empty_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: inject("clusterUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(inject("clusterUrl"));
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return url.toString();
}
