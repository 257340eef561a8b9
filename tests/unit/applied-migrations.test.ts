// The start's log names the migrations it applied, read from what `prisma migrate deploy` printed.
import { expect, it } from "vitest";
import { appliedMigrationsOf } from "@/lib/bootstrap/migrate";

it("reads the applied migrations from Prisma's tree, and none when nothing was pending", () => {
  const applied = [
    'Datasource "db": PostgreSQL database "parley"',
    "",
    "28 migrations found in prisma/migrations",
    "",
    "",
    "The following migration(s) have been applied:",
    "",
    "migrations/",
    "  └─ 20261210100000_reply_usage_reservation/",
    "    └─ migration.sql",
    "  └─ 20261210110000_empty_conversations_sweep/",
    "    └─ migration.sql",
    "      ",
    "All migrations have been successfully applied.",
  ].join("\n");
  expect(appliedMigrationsOf(applied)).toEqual([
    "20261210100000_reply_usage_reservation",
    "20261210110000_empty_conversations_sweep",
  ]);
  expect(appliedMigrationsOf("28 migrations found in prisma/migrations\n\nNo pending migrations to apply.")).toEqual(
    [],
  );
});
