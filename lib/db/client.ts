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

/**
 * A new pool; the app uses the one of pool(), shared by Prisma and the hot path's direct statements
 * (direct-query.ts). Every checkout is timed for the metrics (pool-waits.ts). `overrides` sizes another pool.
 */
export function createDatabasePool(overrides: pg.PoolConfig = {}): pg.Pool {
  const connection = connectionOptionsFromUrl(requireEnv("DATABASE_URL"));
  const options = [connection.options, SESSION_OPTIONS].filter(Boolean).join(" ");
  // pg waits for a connection forever by default: a database that stopped answering would hang every request.
  const databasePool = new pg.Pool({
    ...{ ...connection, max: POOL_SIZE, options, connectionTimeoutMillis: 10_000 },
    ...overrides,
  });
  // An idle connection the server ended (a restart, pg_terminate_backend, the embedded database stopping at shutdown)
  // is reported here and replaced at the next checkout, where an outage shows as one (database-unavailable.ts).
  // Without a listener the pool's 'error' event would end the process.
  databasePool.on("error", () => {});
  return timeCheckouts(databasePool);
}

/** A new client on the given pool, or on a pool of its own that its $disconnect ends; the app uses db(). */
export function createDatabaseClient(databasePool?: pg.Pool): Database {
  const adapter = new PrismaPg(databasePool ?? createDatabasePool(), { disposeExternalPool: !databasePool });
  return new PrismaClient({ adapter });
}

/** The process's one pool. Survives Next's hot reloads in development, which would otherwise open a new pool on every edit. */
export function pool(): pg.Pool {
  globalForPrisma.parleyPool ??= createDatabasePool();
  return globalForPrisma.parleyPool;
}

export function db(): Database {
  globalForPrisma.parleyPrisma ??= createDatabaseClient(pool());
  return globalForPrisma.parleyPrisma;
}

/** The connections of the pool, read by the metrics at scrape time. */
export function databasePoolStats(): { max: number; total: number; idle: number; inUse: number; waiting: number } {
  const { totalCount, idleCount, waitingCount } = pool();
  return { max: POOL_SIZE, total: totalCount, idle: idleCount, inUse: totalCount - idleCount, waiting: waitingCount };
}

export { Prisma } from "./generated/client";
export type {
  AttachmentKind,
  MessageRole,
  MessageStatus,
  ProviderKind,
  ReplyRating,
  TeamRole,
  UserRole,
  UserStatus,
} from "./generated/enums";
