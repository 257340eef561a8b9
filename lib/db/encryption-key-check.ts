// The stored check value of ENCRYPTION_KEY and the provider keys sealed with it, for the start-up check.
import { db } from "./client";
import { getSetting, putSetting } from "./settings";

const CHECK_SETTING = "encryptionKeyCheck";

export const getEncryptionKeyCheck = () => getSetting(CHECK_SETTING);

export const saveEncryptionKeyCheck = (value: string) => putSetting(CHECK_SETTING, value);

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
