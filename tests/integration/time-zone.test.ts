// Timestamps written by raw SQL (now()) and by Prisma must agree, whatever time zone the database defaults to: an
// embedded cluster takes the machine's, and a conversation list mixing both kinds would sort by an offset.
import { afterAll, expect, it } from "vitest";
import { createDatabaseClient, db } from "@/lib/db/client";

const database = db();

afterAll(async () => {
  await database.$executeRawUnsafe(`ALTER DATABASE "${await currentDatabase()}" RESET timezone`);
});

async function currentDatabase(): Promise<string> {
  const [row] = await database.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
  return row?.name ?? "";
}

it("writes now() as UTC even where the database's own time zone is far from it", async () => {
  await database.$executeRawUnsafe(`ALTER DATABASE "${await currentDatabase()}" SET timezone = 'Pacific/Kiritimati'`);
  const client = createDatabaseClient();
  try {
    const [row] = await client.$queryRaw<{ written: Date }[]>`SELECT now()::timestamp(3) AS written`;
    const offsetMs = Math.abs((row?.written.getTime() ?? 0) - Date.now());
    // Kiritimati is UTC+14: a local now() would read 14 hours off.
    expect(offsetMs).toBeLessThan(60_000);
  } finally {
    await client.$disconnect();
  }
});
