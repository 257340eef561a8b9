// The chat turn's statements, sent through pg on the pool Prisma also uses (client.ts), as NAMED prepared
// statements: PostgreSQL parses and plans each once per connection instead of on every call, and Prisma's query
// engine (about 0.4 ms of CPU per statement) is not on the path to the first token. The SQL is built with
// Prisma.sql from the same access fragments as the rest of lib/db (lib/access), so the access-rule equivalence
// tests cover it. Timestamps must be selected AT TIME ZONE 'UTC' (timestamptz): pg reads a bare timestamp as local.
import { createHash } from "node:crypto";
import type pg from "pg";
import { type Prisma, pool } from "./client";

const statementNames = new Map<string, string>();

// One name per distinct text: a name pg has prepared on a connection must always come with the same text.
function nameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `parley_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Runs one statement (one round trip) on the pool, or on a client holding a transaction. */
export async function queryPrepared<Row extends pg.QueryResultRow>(
  sql: Prisma.Sql,
  client: pg.Pool | pg.PoolClient = pool(),
): Promise<Row[]> {
  // Prisma.Sql builds `text` anew on each read (a long concatenation): read once.
  const text = sql.text;
  const result = await client.query<Row>({ name: nameOf(text), text, values: sql.values });
  return result.rows;
}
