// Providers as admins manage them. The encrypted key never leaves this module except towards the provider
// client; what admins see of it is the hint (its last 4 characters).
import { AppError } from "../errors";
import { canDecryptSecret } from "../models/secret-box";
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, type Prisma } from "./client";
import { assertExpectedVersion } from "./edit-versions";
import { lockModelCatalogue } from "./model-admin";
import { providerConnectionFields } from "./models";
import { isViolationOf } from "./unique-violation";

const providerRowFields = {
  id: true,
  name: true,
  kind: true,
  baseUrl: true,
  apiVersion: true,
  apiKeyHint: true,
  apiKeyEncrypted: true,
  version: true,
  createdAt: true,
  _count: { select: { models: true } },
} as const;
type ProviderRow = Prisma.ProviderGetPayload<{ select: typeof providerRowFields }>;

export type ProviderView = {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Azure OpenAI only. */
  apiVersion: string | null;
  hasApiKey: boolean;
  apiKeyHint: string | null;
  /** Sealed under another ENCRYPTION_KEY: useless until an admin enters the key again. */
  isApiKeyUnreadable: boolean;
  modelCount: number;
  /** Raised on every change (lib/db/edit-versions.ts). */
  version: number;
  createdAt: Date;
};

function toView({ apiKeyEncrypted, _count, ...row }: ProviderRow): ProviderView {
  const isApiKeyUnreadable = apiKeyEncrypted !== null && !canDecryptSecret(apiKeyEncrypted);
  return { ...row, hasApiKey: apiKeyEncrypted !== null, isApiKeyUnreadable, modelCount: _count.models };
}

/** What the audit log records of a provider: never the key, only whether there is one and its hint. */
function auditSnapshot(provider: ProviderView) {
  const apiKey = provider.hasApiKey ? `…${provider.apiKeyHint ?? ""}` : null;
  return {
    name: provider.name,
    kind: provider.kind,
    baseUrl: provider.baseUrl,
    apiVersion: provider.apiVersion,
    apiKey,
  };
}

export async function listProviders(): Promise<ProviderView[]> {
  const rows = await db().provider.findMany({ select: providerRowFields, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

async function getProviderRow(tx: Prisma.TransactionClient, id: string): Promise<ProviderView> {
  const row = await tx.provider.findUnique({ where: { id }, select: providerRowFields });
  if (!row) throw new AppError("not_found", "Provider not found.");
  return toView(row);
}

/** For the provider client only (test connection): includes the encrypted key. */
export async function getProviderConnection(id: string) {
  return db().provider.findUnique({
    where: { id },
    select: providerConnectionFields,
  });
}

export type ProviderKind = "OPENAI_COMPATIBLE" | "AZURE_OPENAI" | "DEMO";

export type ProviderFields = {
  name?: string;
  baseUrl?: string;
  apiVersion?: string | null;
  apiKeyEncrypted?: string | null;
  apiKeyHint?: string | null;
};

function nameTaken(error: unknown): unknown {
  return isViolationOf(error, "name")
    ? new AppError("provider_name_taken", "A provider with this name already exists.", { cause: error })
    : error;
}

export async function createProvider(
  actor: AuditActor,
  fields: Required<Pick<ProviderFields, "name" | "baseUrl">> & ProviderFields & { kind: Exclude<ProviderKind, "DEMO"> },
): Promise<ProviderView> {
  try {
    return await db().$transaction(async (tx) => {
      const { id } = await tx.provider.create({ data: fields, select: { id: true } });
      const created = await getProviderRow(tx, id);
      await writeAuditEntry(tx, actor, {
        action: "provider.create",
        targetType: "provider",
        targetId: id,
        after: auditSnapshot(created),
      });
      return created;
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

const STALE_PROVIDER_MESSAGE =
  "This provider was changed by someone else since you opened it. Reload to see the changes, then edit again.";

/**
 * Whether `fields` would change the provider. A key given is always a change (sealed afresh, there is nothing to
 * compare it with); removing the key of a provider without one is none.
 */
function isChangeOf(before: ProviderView, fields: ProviderFields): boolean {
  const { apiKeyEncrypted, apiKeyHint: _apiKeyHint, ...visible } = fields;
  if (apiKeyEncrypted !== undefined && (apiKeyEncrypted !== null || before.hasApiKey)) return true;
  return Object.entries(visible).some(
    ([key, value]) => value !== undefined && value !== before[key as keyof typeof visible],
  );
}

/**
 * `check` sees the provider as it is before the change and may refuse it. An unchanged provider keeps its version
 * and gets no audit entry. With `expectedVersion` (the version an admin's form was loaded from), a provider changed
 * since is left as it is and the change refused.
 */
export async function updateProvider(
  actor: AuditActor,
  id: string,
  fields: ProviderFields,
  check: (before: ProviderView) => void,
  expectedVersion?: number,
): Promise<ProviderView> {
  try {
    return await db().$transaction(async (tx) => {
      // Locked first: of two changes at once, the second is checked against the provider as the first left it.
      await tx.$queryRaw`SELECT id FROM "Provider" WHERE id = ${id} FOR UPDATE`;
      const before = await getProviderRow(tx, id);
      assertExpectedVersion(before.version, expectedVersion, STALE_PROVIDER_MESSAGE);
      check(before);
      if (!isChangeOf(before, fields)) return before;
      await tx.provider.update({ where: { id }, data: { ...fields, version: { increment: 1 } } });
      const after = await getProviderRow(tx, id);
      await writeAuditEntry(tx, actor, {
        action: "provider.update",
        targetType: "provider",
        targetId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return after;
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

/** Deletes the provider with its models; refused while one of them is the default model. */
export async function deleteProvider(actor: AuditActor, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    // Locked first, the provider and its models: a model made the default meanwhile, or added as the default, is
    // seen by the count below (an insert under the provider waits for the provider's lock).
    await lockModelCatalogue(tx);
    await tx.$queryRaw`SELECT id FROM "Provider" WHERE id = ${id} FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Model" WHERE "providerId" = ${id} FOR UPDATE`;
    const before = await getProviderRow(tx, id);
    if ((await tx.model.count({ where: { providerId: id, isDefault: true } })) > 0) {
      throw new AppError(
        "default_model",
        "This provider serves the default model. Make another model the default first.",
      );
    }
    const models = await tx.model.findMany({ where: { providerId: id }, select: { upstreamName: true } });
    await tx.provider.delete({ where: { id } });
    await writeAuditEntry(tx, actor, {
      action: "provider.delete",
      targetType: "provider",
      targetId: id,
      before: { ...auditSnapshot(before), models: models.map((model) => model.upstreamName) },
    });
  });
}
