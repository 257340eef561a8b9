// Whether the database answers, and whether every migration this build knows of is applied, for the readiness check.
import { db } from "./client";

export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`;
}

/** Whether the database answers within `timeoutMs`: a scrape must not hang on a database that drops packets. */
export async function doesDatabaseAnswer(timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, false);
  });
  try {
    return await Promise.race([
      pingDatabase().then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The migrations among `names` that the database has not finished applying. */
export async function listUnappliedMigrations(names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL AND migration_name = ANY(${names})`;
  const applied = new Set(rows.map((row) => row.migration_name));
  return names.filter((name) => !applied.has(name));
}
