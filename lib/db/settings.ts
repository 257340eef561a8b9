// Settings: one row per key, the value as text (callers validate it). Those an admin changes in the console are saved
// with their audit entry; Parley's own records (a secret's check value) without one.
import { type AuditActor, writeAuditEntry } from "./audit";
import { db } from "./client";

export async function getSetting(key: string): Promise<string | null> {
  const row = await db().setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

/** Parley's own record under `key`, replacing any: no admin made it, so no audit entry. */
export async function putSetting(key: string, value: string): Promise<void> {
  await db().setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Records `value` under `key` unless a value is stored already, and returns the one stored: an insert that does
 * nothing on a conflict, so that processes starting together on a new database agree on the first.
 */
export async function putSettingUnlessSet(key: string, value: string): Promise<string> {
  await db().setting.createMany({ data: [{ key, value }], skipDuplicates: true });
  return (await getSetting(key)) ?? value;
}

/** Saves the value and its audit entry in one transaction. */
export async function saveSetting(actor: AuditActor, key: string, value: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await writeAuditEntry(tx, actor, {
      action: "settings.update",
      targetType: "setting",
      targetId: key,
      before: before ? { [key]: before.value } : null,
      after: { [key]: value },
    });
  });
}
