// Models as admins configure them. Every change raises the model's version and writes an audit entry with the
// fields before and after, in one transaction; exactly one model is the default (a partial unique index).

import { AppError } from "../errors";
import { ruleIssue, sentenceOf } from "../http/issue-rules";
import { ADVISORY_LOCKS } from "./advisory-locks";
import { type AuditActor, PARLEY_ACTOR, writeAuditEntry } from "./audit";
import { db, type Prisma } from "./client";
import { assertExpectedVersion } from "./edit-versions";
import { defaultThenByLabel, modelParameterFields } from "./models";
import { isForeignKeyViolation, isViolationOf } from "./unique-violation";

/**
 * Taken first by every admin change that can move the default model or remove models (adding, changing or deleting
 * a model, deleting a provider), until its transaction ends. Each of them locks several model rows (the model, the
 * default stepping down, a provider's models) in orders that differ; one at a time, they never wait for each other
 * in a circle (PostgreSQL ended one of two such changes with a deadlock, a 500). Admin changes are rare, and so is
 * the one change a turn makes (Parley's own fix of a model's request shape after a provider refused it).
 */
export async function lockModelCatalogue(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.modelCatalogue})`;
}

export const modelSettingFields = {
  ...modelParameterFields,
  providerId: true,
  enabled: true,
  isDefault: true,
  visibleToEveryone: true,
  autoAdjustment: true,
  autoAdjustedAt: true,
  // The teams that see the model when it is not visible to everyone (ModelTeam).
  teams: { select: { teamId: true }, orderBy: { teamId: "asc" } },
} as const;
type ModelRow = Prisma.ModelGetPayload<{ select: typeof modelSettingFields }>;
export type ModelSettings = Omit<ModelRow, "teams"> & { teamIds: string[] };

export type ModelFields = Omit<ModelSettings, "id" | "providerId" | "version">;

function toSettings({ teams, ...fields }: ModelRow): ModelSettings {
  return { ...fields, teamIds: teams.map((team) => team.teamId) };
}

/** The ModelTeam rows as a nested write: the listed teams replace the ones before. */
function teamsWrite(teamIds: string[], replace: boolean) {
  const create = [...new Set(teamIds)].map((teamId) => ({ teamId }));
  return replace ? { deleteMany: {}, create } : { create };
}

export async function listModelSettings(): Promise<(ModelSettings & { providerName: string })[]> {
  const rows = await db().model.findMany({
    select: { ...modelSettingFields, provider: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  return rows
    .sort(defaultThenByLabel)
    .map(({ provider, ...model }) => ({ ...toSettings(model), providerName: provider.name }));
}

function snapshot({ id: _id, providerId: _providerId, ...fields }: ModelSettings): Prisma.InputJsonObject {
  return fields;
}

/** Whether a setting keeps its value (lists compared as sets). */
export function isSameValue(before: unknown, after: unknown): boolean {
  return Array.isArray(before) && Array.isArray(after)
    ? before.length === after.length && after.every((value) => before.includes(value))
    : before === after;
}

function explainConflict(error: unknown): unknown {
  if (isForeignKeyViolation(error)) {
    return new AppError("invalid_input", "One of the chosen teams no longer exists. Reload and try again.", {
      cause: error,
    });
  }
  if (isViolationOf(error, "upstreamName")) {
    return new AppError("model_name_taken", sentenceOf("model_name_taken"), {
      cause: error,
      issues: [ruleIssue(["upstreamName"], "model_name_taken")],
    });
  }
  // The partial unique index "Model_single_default_key": two changes made two defaults at once.
  if (isViolationOf(error, "isDefault")) {
    return new AppError("conflict", "Another admin changed the default model at the same time. Reload and try again.", {
      cause: error,
    });
  }
  return error;
}

/** The current default steps down (a change of its own: new version, audit entry) before another takes its place. */
async function clearDefault(tx: Prisma.TransactionClient, actor: AuditActor): Promise<void> {
  const current = await tx.model.findFirst({ where: { isDefault: true }, select: modelSettingFields });
  if (!current) return;
  const after = await tx.model.update({
    where: { id: current.id },
    data: { isDefault: false, version: { increment: 1 } },
    select: modelSettingFields,
  });
  await writeAuditEntry(tx, actor, {
    action: "model.update",
    targetType: "model",
    targetId: current.id,
    before: snapshot(toSettings(current)),
    after: snapshot(toSettings(after)),
  });
}

export async function createModel(actor: AuditActor, providerId: string, fields: ModelFields): Promise<ModelSettings> {
  try {
    return await db().$transaction(async (tx) => {
      await lockModelCatalogue(tx);
      const provider = await tx.provider.findUnique({ where: { id: providerId }, select: { kind: true } });
      if (!provider) throw new AppError("not_found", "Provider not found.");
      if (provider.kind === "DEMO") {
        throw new AppError("demo_provider", "The built-in demo provider serves only its own model.");
      }
      if (fields.isDefault) await clearDefault(tx, actor);
      const { teamIds, ...columns } = fields;
      const created = toSettings(
        await tx.model.create({
          data: { ...columns, providerId, teams: teamsWrite(teamIds, false) },
          select: modelSettingFields,
        }),
      );
      await writeAuditEntry(tx, actor, {
        action: "model.create",
        targetType: "model",
        targetId: created.id,
        after: snapshot(created),
      });
      return created;
    });
  } catch (error) {
    throw explainConflict(error);
  }
}

const STALE_MODEL_MESSAGE =
  "This model was changed by someone else (or by Parley) since you opened it. Reload to see the changes, then edit again.";

/**
 * `merge` turns the model as it is into the fields it should have (and may refuse); an unchanged model keeps its
 * version and gets no audit entry. With `expectedVersion` (the version an admin's form was loaded from), a model
 * changed since is left as it is and the change refused: applied, the form's other fields would silently undo
 * what the other admin, or Parley's own adjustment, changed.
 */
export async function updateModel(
  actor: AuditActor,
  id: string,
  merge: (before: ModelSettings) => ModelFields,
  expectedVersion?: number,
): Promise<ModelSettings> {
  try {
    return await db().$transaction(async (tx) => {
      // Locked first: two changes at once (two admins, or Parley's own adjustment after a refusal) each merge into
      // the model as the other left it, so neither writes back the fields the other just changed.
      await lockModelCatalogue(tx);
      await tx.$queryRaw`SELECT id FROM "Model" WHERE id = ${id} FOR UPDATE`;
      const row = await tx.model.findUnique({ where: { id }, select: modelSettingFields });
      if (!row) throw new AppError("not_found", "Model not found.");
      const before = toSettings(row);
      // Compared under the row's lock, so no change can come between this check and the write below.
      assertExpectedVersion(before.version, expectedVersion, STALE_MODEL_MESSAGE);
      const fields = merge(before);
      const isChanged = Object.entries(fields).some(
        ([key, value]) => !isSameValue(before[key as keyof ModelFields], value),
      );
      if (!isChanged) return before;
      if (fields.isDefault && !before.isDefault) await clearDefault(tx, actor);
      const { teamIds, ...columns } = fields;
      const after = toSettings(
        await tx.model.update({
          where: { id },
          data: { ...columns, teams: teamsWrite(teamIds, true), version: { increment: 1 } },
          select: modelSettingFields,
        }),
      );
      await writeAuditEntry(tx, actor, {
        action: "model.update",
        targetType: "model",
        targetId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  } catch (error) {
    throw explainConflict(error);
  }
}

/** Conversations on a deleted model stay readable and can move to another model. */
export async function deleteModel(actor: AuditActor, id: string, check: (before: ModelSettings) => void) {
  await db().$transaction(async (tx) => {
    // Locked first, as by updateModel: a change making this model the default meanwhile is seen by `check`.
    await lockModelCatalogue(tx);
    await tx.$queryRaw`SELECT id FROM "Model" WHERE id = ${id} FOR UPDATE`;
    const row = await tx.model.findUnique({ where: { id }, select: modelSettingFields });
    if (!row) throw new AppError("not_found", "Model not found.");
    const before = toSettings(row);
    check(before);
    await tx.model.delete({ where: { id } });
    await writeAuditEntry(tx, actor, {
      action: "model.delete",
      targetType: "model",
      targetId: id,
      before: snapshot(before),
    });
  });
}

const ADJUSTMENT_SEPARATOR = "; ";

/**
 * The automatic changes the card lists: every one since the admin last chose the shape (which clears the list,
 * lib/models/model-settings.ts), each once. A reply may make several (one per refused parameter), and a later
 * reply may add another.
 */
function withAdjustmentNoted(noted: string | null, description: string): string {
  if (!noted) return description;
  const changes = noted.split(ADJUSTMENT_SEPARATOR);
  return changes.includes(description) ? noted : [...changes, description].join(ADJUSTMENT_SEPARATOR);
}

/**
 * Parley's own change of a model's request shape after its server refused a parameter: versioned and audited like
 * an admin's, with the reason added to the ones kept on the model for the admin console. A model already changed
 * that way (by another reply meanwhile) is left alone.
 */
export async function recordShapeAdjustment(
  id: string,
  changes: Partial<Pick<ModelFields, RequestShapeField>>,
  description: string,
): Promise<void> {
  await updateModel(PARLEY_ACTOR, id, ({ id: _id, providerId: _providerId, version: _version, ...current }) => {
    const isNeeded = Object.entries(changes).some(
      ([key, value]) => !isSameValue(current[key as RequestShapeField], value),
    );
    if (!isNeeded) return current;
    const autoAdjustment = withAdjustmentNoted(current.autoAdjustment, description);
    return { ...current, ...changes, autoAdjustment, autoAdjustedAt: new Date() };
  });
}

type RequestShapeField =
  | "outputLimitParameter"
  | "sendsSamplingParameters"
  | "reasoningEffort"
  | "allowedReasoningEfforts"
  | "sendsUsageRequest"
  | "systemPromptRole";
