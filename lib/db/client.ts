// The one Prisma client of the process. Only modules under lib/db import it.
import { PrismaPg } from "@prisma/adapter-pg";
import { requireEnv } from "../env";
import { PrismaClient } from "./generated/client";

export type Database = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { parleyPrisma?: Database };

function createClient(): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: requireEnv("DATABASE_URL"), max: 10 }) });
}

/** Survives Next's hot reloads in development, which would otherwise open a new pool on every edit. */
export function db(): Database {
  globalForPrisma.parleyPrisma ??= createClient();
  return globalForPrisma.parleyPrisma;
}

export { Prisma } from "./generated/client";
export type { MessageRole, MessageStatus, ProviderKind, TeamRole, UserRole, UserStatus } from "./generated/enums";
