// The stored check value of ENCRYPTION_KEY and the provider keys sealed with it, for the start-up check.
import { db } from "./client";

const CHECK_SETTING = "encryptionKeyCheck";

export async function getEncryptionKeyCheck(): Promise<string | null> {
  const row = await db().setting.findUnique({ where: { key: CHECK_SETTING }, select: { value: true } });
  return row?.value ?? null;
}

export async function saveEncryptionKeyCheck(value: string): Promise<void> {
  await db().setting.upsert({
    where: { key: CHECK_SETTING },
    create: { key: CHECK_SETTING, value },
    update: { value },
  });
}

export async function listSealedProviderKeys(): Promise<{ id: string; name: string; apiKeyEncrypted: string }[]> {
  const rows = await db().provider.findMany({
    where: { apiKeyEncrypted: { not: null } },
    select: { id: true, name: true, apiKeyEncrypted: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.flatMap(({ apiKeyEncrypted, ...row }) => (apiKeyEncrypted ? [{ ...row, apiKeyEncrypted }] : []));
}

/** Forgets the keys of these providers and records the check value of the new key, in one transaction. */
export async function clearProviderKeys(providerIds: string[], checkValue: string): Promise<void> {
  await db().$transaction([
    db().provider.updateMany({ where: { id: { in: providerIds } }, data: { apiKeyEncrypted: null, apiKeyHint: null } }),
    db().setting.upsert({
      where: { key: CHECK_SETTING },
      create: { key: CHECK_SETTING, value: checkValue },
      update: { value: checkValue },
    }),
  ]);
}
