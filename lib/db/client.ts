// The one Prisma client of the process. Only modules under lib/db import it; the guard below makes `next build` fail
// when a client component's imports reach it (outside Next it loads lib/db/server-only-outside-next.ts).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { requireEnv } from "../env";
import { connectionOptionsFromUrl } from "./connection-options";
import { PrismaClient } from "./generated/client";

export type Database = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { parleyPrisma?: Database };

// The timestamp columns hold UTC without a zone: Prisma writes and reads them as UTC, so the raw SQL's now() must
// be UTC as well, whatever time zone the server was set up with (an embedded cluster takes the machine's).
const SESSION_OPTIONS = "-c TimeZone=UTC";

/** A new client with its own pool; the app uses the one of db(). */
export function createDatabaseClient(): Database {
  const connection = connectionOptionsFromUrl(requireEnv("DATABASE_URL"));
  const options = [connection.options, SESSION_OPTIONS].filter(Boolean).join(" ");
  // pg waits for a connection forever by default: a database that stopped answering would hang every request.
  const adapter = new PrismaPg({ ...connection, max: 10, options, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter });
}

/** Survives Next's hot reloads in development, which would otherwise open a new pool on every edit. */
export function db(): Database {
  globalForPrisma.parleyPrisma ??= createDatabaseClient();
  return globalForPrisma.parleyPrisma;
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
