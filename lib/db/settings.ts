// Settings an admin changes in the console: one row per key, the value as text (callers validate it).
import { type AuditActor, writeAuditEntry } from "./audit";
import { db } from "./client";

export async function getSetting(key: string): Promise<string | null> {
  const row = await db().setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
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
