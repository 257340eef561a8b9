// Prisma CLI configuration. Migrations run on Prisma's JavaScript schema engine through the pg adapter, so
// no native engine is ever downloaded (air-gapped installs work). See ../shared/STACK.md for the why of each fix.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { defineConfig } from "prisma/config";
import { patchPgForSchemaEngine, unrefLongTimers } from "./prisma/schema-engine-fixes";

patchPgForSchemaEngine();
unrefLongTimers();

function connectionFromUrl(url: string): pg.PoolConfig {
  // Discrete fields, never connectionString: with a connectionString the shadow database silently IS the
  // main database (prisma/prisma#27403 discussion; STACK.md fix 2).
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: apply migrations with `npm run db:prepare`.");
    return new PrismaPg(connectionFromUrl(url));
  },
});
