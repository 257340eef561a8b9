// The stored check value of AUTH_SECRET, for the start-up check (lib/bootstrap/auth-secret-check.ts).
import { db } from "./client";

const CHECK_SETTING = "authSecretCheck";

/**
 * Records `value` unless a check value is stored already, and returns the one stored. An insert that does nothing on
 * a conflict: processes starting together on a new database cannot both record theirs.
 */
export async function recordAuthSecretCheck(value: string): Promise<string> {
  await db().setting.createMany({ data: [{ key: CHECK_SETTING, value }], skipDuplicates: true });
  const row = await db().setting.findUnique({ where: { key: CHECK_SETTING }, select: { value: true } });
  return row?.value ?? value;
}

export async function replaceAuthSecretCheck(value: string): Promise<void> {
  await db().setting.upsert({
    where: { key: CHECK_SETTING },
    create: { key: CHECK_SETTING, value },
    update: { value },
  });
}
