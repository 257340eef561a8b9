// Readiness for a load balancer (GET /api/health?ready): not while this process drains, nor while the database
// cannot be reached or lacks a migration this build needs (another replica may still be applying it).
import { readdirSync } from "node:fs";
import path from "node:path";
import { listUnappliedMigrations, pingDatabase } from "../db/health";
import { AppError } from "../errors";
import { isDraining } from "./drain";

let knownMigrations: string[] | undefined;

/** The migration folders shipped with this build; none when it ships without them (nothing to wait for). */
function migrationsOfThisBuild(): string[] {
  if (knownMigrations) return knownMigrations;
  try {
    const folder = path.join(process.cwd(), "prisma", "migrations");
    knownMigrations = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    knownMigrations = [];
  }
  return knownMigrations;
}

const notReady = (message: string) => new AppError("unavailable", message, { details: { retryAfterSeconds: 5 } });

export async function checkReadiness(): Promise<void> {
  if (isDraining()) throw notReady("This server is shutting down.");
  await pingDatabase();
  const missing = await listUnappliedMigrations(migrationsOfThisBuild());
  if (missing.length > 0) throw notReady(`Waiting for ${missing.length} database migration(s).`);
  if (isDraining()) throw notReady("This server is shutting down.");
}
