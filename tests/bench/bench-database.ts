// The PostgreSQL the app uses during the bench: the embedded one, plus pg_stat_statements, which must be
// preloaded at server start. The app is pointed here through DATABASE_URL (the test stack's own cluster idles).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readPostmasterFile, startEmbeddedPostgres } from "../../lib/bootstrap/embedded-postgres";

export type BenchDatabase = {
  databaseUrl: string;
  /** Why queries cannot be counted per statement, or null when pg_stat_statements is on. */
  statementsUnavailable: string | null;
  postmasterPid: () => number | undefined;
  stop: () => Promise<void>;
};

const DATABASE = "parley_bench";

function findStatementsLibrary(): string | null {
  try {
    // The binaries package exports only dist/index.js; its native/ folder sits beside dist/.
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const file = path.join(path.dirname(entry), "..", "native", "lib", "postgresql", "pg_stat_statements.so");
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
  // Started as root, PostgreSQL runs as the OS user "postgres", who must be able to enter this folder.
  chmodSync(dataDir, 0o755);
  const clusterDir = path.join(dataDir, "postgres");
  const hasStatements = findStatementsLibrary() !== null;
  // Autovacuum looks at each database every second rather than every minute: the bench's tables grow from empty to
  // thousands of rows in seconds, and PostgreSQL keeps the plan it made for a prepared statement (the turn's, through
  // a connection's life) until an ANALYZE of its tables. At the default pace the first ANALYZE of a new database
  // comes about two minutes in, so the early rows measured plans made for near-empty tables (a sequential scan of
  // the messages at each step of a thread): a state a production database, whose tables grow over days while
  // autovacuum keeps their statistics, is in only in its first minutes (docs/architecture.md, "The hot path").
  const flags = [
    "-c",
    "autovacuum_naptime=1",
    ...(hasStatements ? ["-c", "shared_preload_libraries=pg_stat_statements"] : []),
  ];
  const password = randomBytes(16).toString("hex");
  const cluster = await startEmbeddedPostgres(clusterDir, { password, database: DATABASE, extraFlags: flags });
  const stop = async () => {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (hasStatements) await runStatement(cluster.databaseUrl, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    return {
      databaseUrl: cluster.databaseUrl,
      statementsUnavailable: hasStatements ? null : "the embedded PostgreSQL ships no pg_stat_statements.so",
      postmasterPid: () => readPostmasterFile(clusterDir)?.pid,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
