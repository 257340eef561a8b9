// Users: registration (first user becomes admin, atomically), sign-in look-ups and session state.

import { AppError } from "../errors";
import { ADVISORY_LOCKS } from "./advisory-locks";
import { db, Prisma } from "./client";
import { joinTeamByInvitation } from "./invitations";
import { isViolationOf } from "./unique-violation";

const publicUserFields = { id: true, email: true, name: true, role: true, status: true } as const;
export type PublicUser = Prisma.UserGetPayload<{ select: typeof publicUserFields }>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type RegistrationPolicy = "open" | "approval" | "closed";

/**
 * Creates a user; the first user of an empty database becomes an active ADMIN whatever the policy, so that an
 * install can always be taken over. The advisory lock makes the count and the insert one atomic step, so
 * concurrent first registrations still produce exactly one admin. With an invitation (its token's hash) the user
 * joins its team in the same transaction, and a closed policy lets them in; an unusable invitation writes nothing.
 */
export async function createUser(
  input: { email: string; name: string; passwordHash: string; hasPassword?: boolean },
  policy: RegistrationPolicy = "open",
  invitationTokenHash?: string,
): Promise<PublicUser> {
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.firstUser})`;
      const isFirstUser = (await tx.user.count()) === 0;
      if (!isFirstUser && policy === "closed" && !invitationTokenHash) {
        throw new AppError("forbidden", "Registration is closed. Ask an admin for an invitation.");
      }
      const user = await tx.user.create({
        data: {
          ...input,
          email: normalizeEmail(input.email),
          role: isFirstUser ? "ADMIN" : "USER",
          status: !isFirstUser && policy === "approval" ? "PENDING" : "ACTIVE",
        },
        select: publicUserFields,
      });
      if (invitationTokenHash && !(await joinTeamByInvitation(tx, invitationTokenHash, user.id))) {
        throw new AppError("invalid_input", "This invitation is not valid any more.", {
          issues: [{ path: ["invitation"], message: "This invitation link has expired, was revoked or is used up." }],
        });
      }
      return user;
    });
  } catch (error) {
    if (isViolationOf(error, "email")) {
      throw new AppError("email_taken", "An account with this email already exists.", { cause: error });
    }
    throw error;
  }
}

export async function getUserForSignIn(email: string) {
  return db().user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...publicUserFields, passwordHash: true, sessionVersion: true },
  });
}

/**
 * What the session is checked against on every request, so that revocation takes effect at once: the columns of the
 * "User" row aliased `u`. The chat turn reads them in its first statement (turn-context.ts), the same columns.
 */
export const sessionStateColumns = Prisma.sql`u.id, u.email, u.name, u.role::text AS role, u.status::text AS status,
  u."sessionVersion"`;

// Raw SQL: this runs on every authenticated request, and a raw read costs a fraction of a compiled query.
export async function getUserSessionState(id: string) {
  const [user] = await db().$queryRaw<(PublicUser & { sessionVersion: number })[]>`
    SELECT ${sessionStateColumns} FROM "User" u WHERE u.id = ${id}`;
  return user ?? null;
}

// The id of the account ADMIN_EMAIL made (a Setting row): the one the variable keeps an admin.
const CONFIGURED_ADMIN_SETTING = "configuredAdminId";

/**
 * Headless installs (ADMIN_EMAIL/ADMIN_PASSWORD), at every start: the account the variable made exists and is an
 * active admin. Only that account, remembered by its id: an address can change hands (the admin moves to another
 * email or is deleted, and someone registers the address, which Parley never verifies), and the next start must
 * not make that person an admin. `refused`: the address belongs to an account the variable did not make. An install
 * from before this rule adopts the account holding the address when it is an admin already.
 */
export async function ensureAdmin(input: {
  email: string;
  name: string;
  passwordHash: string;
}): Promise<"created" | "kept" | "refused"> {
  const email = normalizeEmail(input.email);
  return db().$transaction(async (tx) => {
    // Processes starting together on a fresh database: one creates the account, the others then find it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.firstUser})`;
    const remembered = await tx.setting.findUnique({
      where: { key: CONFIGURED_ADMIN_SETTING },
      select: { value: true },
    });
    const holder = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    const remember = (id: string) =>
      tx.setting.upsert({
        where: { key: CONFIGURED_ADMIN_SETTING },
        create: { key: CONFIGURED_ADMIN_SETTING, value: id },
        update: { value: id },
      });
    if (!holder) {
      const created = await tx.user.create({ data: { ...input, email, role: "ADMIN", status: "ACTIVE" } });
      await remember(created.id);
      return "created";
    }
    const isConfigured = remembered ? remembered.value === holder.id : holder.role === "ADMIN";
    if (!isConfigured) return "refused";
    // The password is set only on creation: an admin who changed it keeps theirs.
    await tx.user.update({ where: { id: holder.id }, data: { role: "ADMIN", status: "ACTIVE" } });
    await remember(holder.id);
    return "kept";
  });
}

/** Ends every session of the user at once: their tokens carry the old version. */
export async function revokeSessions(id: string): Promise<void> {
  await db().user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
}

/** Those of `ids` whose accounts still exist and are not disabled: their replies may go on. */
export async function listEnabledUserIds(ids: string[]): Promise<string[]> {
  const users = await db().user.findMany({
    where: { id: { in: ids }, status: { not: "DISABLED" } },
    select: { id: true },
  });
  return users.map((user) => user.id);
}

/**
 * Whether the install has any account yet: the first one may always register (it becomes the admin), and the
 * first visitor of a fresh install is greeted as a newcomer.
 */
export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) !== null;
}
