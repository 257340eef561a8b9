// Who and what an audit entry is about, by name: the log stores ids (and the actor's email), which tell an admin
// nothing. Names are looked up now; for what has since been deleted, the entry's own snapshot still names it.
import { db } from "./client";

/** A person or thing an entry names; `id` is kept for reference (shown on hover). */
export type AuditParty = { id: string | null; name: string | null; email: string | null };

type EntryRow = {
  actorId: string | null;
  actorEmail: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
};

const textField = (snapshot: unknown, field: string): string | null => {
  if (!snapshot || typeof snapshot !== "object") return null;
  const value = (snapshot as Record<string, unknown>)[field];
  return typeof value === "string" ? value : null;
};

const fromSnapshots = (entry: EntryRow, field: string) =>
  textField(entry.after, field) ?? textField(entry.before, field);

/** Adds `actor` and `target` (names and emails, looked up in three queries for the whole page) to each entry. */
export async function nameAuditEntries<T extends EntryRow>(
  entries: T[],
): Promise<(T & { actor: AuditParty; target: AuditParty })[]> {
  const idsOf = (type: string) => entries.filter((entry) => entry.targetType === type).map((entry) => entry.targetId);
  const userIds = [...new Set([...entries.flatMap((entry) => entry.actorId ?? []), ...idsOf("user")])];
  const [users, providers, models] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db().provider.findMany({ where: { id: { in: idsOf("provider") } }, select: { id: true, name: true } }),
    db().model.findMany({ where: { id: { in: idsOf("model") } }, select: { id: true, label: true } }),
  ]);
  const usersById = new Map(users.map((user) => [user.id, user]));
  const namesById = new Map([
    ...providers.map((provider) => [provider.id, provider.name] as const),
    ...models.map((model) => [model.id, model.label] as const),
  ]);

  const targetOf = (entry: T): AuditParty => {
    const { targetId: id } = entry;
    if (entry.targetType === "user") {
      const user = usersById.get(id);
      return {
        id,
        name: user?.name ?? fromSnapshots(entry, "name"),
        email: user?.email ?? fromSnapshots(entry, "email"),
      };
    }
    if (entry.targetType === "setting") return { id: null, name: id, email: null };
    const name = namesById.get(id) ?? fromSnapshots(entry, entry.targetType === "model" ? "label" : "name");
    return { id, name, email: null };
  };

  return entries.map((entry) => {
    const actor = entry.actorId ? usersById.get(entry.actorId) : undefined;
    return {
      ...entry,
      actor: { id: entry.actorId, name: actor?.name ?? null, email: actor?.email ?? entry.actorEmail },
      target: targetOf(entry),
    };
  });
}
