// Prisma CLI configuration. Migrations run on Prisma's JavaScript schema engine through the pg adapter, so
// no native engine is ever downloaded (air-gapped installs work). prisma/schema-engine-fixes.ts says why each fix is needed.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { connectionOptionsFromUrl } from "./lib/db/connection-options";
import { executeWholeStatements, patchPgForSchemaEngine, unrefLongTimers } from "./prisma/schema-engine-fixes";

patchPgForSchemaEngine();
unrefLongTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: apply migrations with `npm run db:prepare`.");
    // The app's own reading of the URL, TLS settings included (lib/db/connection-options.ts).
    return executeWholeStatements(new PrismaPg({ ...connectionOptionsFromUrl(url), allowExitOnIdle: true }));
  },
});
