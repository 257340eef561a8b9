// The one Prisma client of the process. Only modules under lib/db import it; the guard below makes `next build` fail
// when a client component's imports reach it (outside Next it loads lib/db/server-only-outside-next.ts).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { requireEnv } from "../env";
import { connectionOptionsFromUrl } from "./connection-options";
import { PrismaClient } from "./generated/client";
import { timeCheckouts } from "./pool-waits";

export type Database = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { parleyPrisma?: Database; parleyPool?: pg.Pool };

// The timestamp columns hold UTC without a zone: Prisma writes and reads them as UTC, so the raw SQL's now() must
// be UTC as well, whatever time zone the server was set up with (an embedded cluster takes the machine's).
const SESSION_OPTIONS = "-c TimeZone=UTC";

const POOL_SIZE = 10;

/** The pool is made here, not by the adapter, so that its use can be read (databasePoolStats) and its waits timed. */
function createPool(): pg.Pool {
  const connection = connectionOptionsFromUrl(requireEnv("DATABASE_URL"));
  const options = [connection.options, SESSION_OPTIONS].filter(Boolean).join(" ");
  // pg waits for a connection forever by default: a database that stopped answering would hang every request.
  return timeCheckouts(new pg.Pool({ ...connection, max: POOL_SIZE, options, connectionTimeoutMillis: 10_000 }));
}

/** A new client with its own pool; the app uses the one of db(). $disconnect() ends the pool. */
export function createDatabaseClient(pool = createPool()): Database {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** Survives Next's hot reloads in development, which would otherwise open a new pool on every edit. */
export function db(): Database {
  if (!globalForPrisma.parleyPrisma) {
    globalForPrisma.parleyPool = createPool();
    globalForPrisma.parleyPrisma = createDatabaseClient(globalForPrisma.parleyPool);
  }
  return globalForPrisma.parleyPrisma;
}

/** The connections of db()'s pool, read by the metrics at scrape time; all 0 before the first query. */
export function databasePoolStats(): { max: number; total: number; idle: number; inUse: number; waiting: number } {
  const pool = globalForPrisma.parleyPool;
  const total = pool?.totalCount ?? 0;
  const idle = pool?.idleCount ?? 0;
  return { max: POOL_SIZE, total, idle, inUse: total - idle, waiting: pool?.waitingCount ?? 0 };
}

export { Prisma } from "./generated/client";
export type {
  AttachmentKind,
  MessageRole,
  MessageStatus,
  ProviderKind,
  TeamRole,
  UserRole,
  UserStatus,
} from "./generated/enums";
