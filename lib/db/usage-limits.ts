// The admin's usage limits (UsageLimit: "default", "user:<id>", "team:<id>") and model prices (ModelPrice).
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, Prisma } from "./client";
import { compareNames } from "./name-order";

export type LimitValues = {
  tokensPerDay: number | null;
  tokensPerMonth: number | null;
  costPerMonthMicros: number | null;
};
export type LimitRow = LimitValues & { subject: string };

type StoredLimit = {
  subject: string;
  tokensPerDay: number | null;
  tokensPerMonth: number | null;
  costPerMonthMicros: bigint | null;
};

function toRow(row: StoredLimit): LimitRow {
  const cost = row.costPerMonthMicros;
  return { ...row, costPerMonthMicros: cost === null ? null : Number(cost) };
}

/** The rows of the given subjects (one query on the unique subject index). */
export async function getLimitRows(subjects: string[]): Promise<LimitRow[]> {
  const rows = await db().usageLimit.findMany({
    where: { subject: { in: subjects } },
    select: { subject: true, tokensPerDay: true, tokensPerMonth: true, costPerMonthMicros: true },
  });
  return rows.map(toRow);
}

/** The limit rows of `subjects` (an SQL list) as one JSON array of LimitRow, for raw statements on the hot path. */
export function limitRowsJsonSql(subjects: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_object('subject', l.subject, 'tokensPerDay', l."tokensPerDay",
      'tokensPerMonth', l."tokensPerMonth", 'costPerMonthMicros', l."costPerMonthMicros")), '[]')
    FROM "UsageLimit" l WHERE l.subject IN (${subjects}))`;
}

/** The prices of the model `modelId` (an SQL expression) as JSON, null when it has none. */
export function pricesJsonSql(modelId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object('inputPerMillion', pr."inputPerMillion", 'outputPerMillion',
      pr."outputPerMillion") FROM "ModelPrice" pr WHERE pr."modelId" = ${modelId})`;
}

export async function listLimitRows(): Promise<
  (LimitRow & { user: { email: string } | null; team: { name: string } | null })[]
> {
  const rows = await db().usageLimit.findMany({
    select: {
      subject: true,
      tokensPerDay: true,
      tokensPerMonth: true,
      costPerMonthMicros: true,
      user: { select: { email: true } },
      team: { select: { name: true } },
    },
    orderBy: { subject: "asc" },
  });
  return rows.map((row) => ({ ...toRow(row), user: row.user, team: row.team }));
}

/**
 * Sets (or with all values null, removes) a subject's limits, audited; the subject's running counters are dropped
 * in the same transaction, so that they are counted again from the ledger against the new limits.
 */
export async function saveLimit(
  actor: AuditActor,
  target: { subject: string; userId: string | null; teamId: string | null },
  values: LimitValues,
): Promise<void> {
  const { subject, userId, teamId } = target;
  const isEmpty = values.tokensPerDay === null && values.tokensPerMonth === null && values.costPerMonthMicros === null;
  const data = {
    ...values,
    costPerMonthMicros: values.costPerMonthMicros === null ? null : BigInt(values.costPerMonthMicros),
  };
  await db().$transaction(async (tx) => {
    const before = await tx.usageLimit.findUnique({
      where: { subject },
      select: { tokensPerDay: true, tokensPerMonth: true, costPerMonthMicros: true },
    });
    if (isEmpty) await tx.usageLimit.deleteMany({ where: { subject } });
    else await tx.usageLimit.upsert({ where: { subject }, create: { subject, userId, teamId, ...data }, update: data });
    await tx.$executeRaw`DELETE FROM "UsageCounter" WHERE key LIKE ${`${subject}:%`}`;
    await writeAuditEntry(tx, actor, {
      action: "usageLimit.update",
      targetType: "usageLimit",
      targetId: subject,
      before: before ? { ...before, costPerMonthMicros: before.costPerMonthMicros?.toString() ?? null } : null,
      after: isEmpty ? null : { ...values },
    });
  });
}

export async function listModelPrices() {
  const models = await db().model.findMany({
    select: {
      id: true,
      label: true,
      upstreamName: true,
      price: { select: { inputPerMillion: true, outputPerMillion: true } },
    },
    orderBy: { id: "asc" },
  });
  return models.sort((a, b) => compareNames(a.label, b.label));
}

/** Sets a model's prices, or removes them (null), audited; money counters are counted again from the ledger. */
export async function saveModelPrice(
  actor: AuditActor,
  modelId: string,
  prices: { inputPerMillion: number; outputPerMillion: number } | null,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { id: modelId }, select: { label: true, price: true } });
    if (!model) return false;
    if (prices) await tx.modelPrice.upsert({ where: { modelId }, create: { modelId, ...prices }, update: prices });
    else await tx.modelPrice.deleteMany({ where: { modelId } });
    await tx.$executeRaw`DELETE FROM "UsageCounter" WHERE key LIKE '%:cost'`;
    await writeAuditEntry(tx, actor, {
      action: "modelPrice.update",
      targetType: "model",
      targetId: modelId,
      before: model.price ? { label: model.label, ...model.price } : { label: model.label },
      after: prices ? { label: model.label, ...prices } : { label: model.label },
    });
    return true;
  });
}

/** The subject of a limit, from what the admin names: a user by email, a team by id; null when it does not exist. */
export async function findLimitSubject(target: { email: string } | { teamId: string }) {
  if ("email" in target) {
    const user = await db().user.findUnique({ where: { email: target.email.toLowerCase() }, select: { id: true } });
    return user ? { subject: `user:${user.id}`, userId: user.id, teamId: null } : null;
  }
  const team = await db().team.findUnique({ where: { id: target.teamId }, select: { id: true } });
  return team ? { subject: `team:${team.id}`, userId: null, teamId: team.id } : null;
}
