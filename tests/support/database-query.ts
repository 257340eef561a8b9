// One statement on a database of the tests' own (an empty one, a cluster's), on a connection of its own: for tests
// that read or change what a server under test stores, outside the app's pool.
import pg from "pg";

export async function queryDatabase<T extends pg.QueryResultRow = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
