// Who may use the /v1 API (an admin's switch): nobody, admins only (the default), or everyone.
import type { AuditActor } from "../db/audit";
import { Prisma } from "../db/client";
import { getSetting, saveSetting } from "../db/settings";

export const apiAccessLevels = ["off", "admins", "everyone"] as const;
export type ApiAccess = (typeof apiAccessLevels)[number];

export const API_ACCESS_SETTING_KEY = "apiAccess";
const SETTING_KEY = API_ACCESS_SETTING_KEY;
const DEFAULT_ACCESS: ApiAccess = "admins";

/** The stored setting (null when unset); anything else than a level is the default. */
export function parseApiAccess(stored: string | null): ApiAccess {
  return apiAccessLevels.find((level) => level === stored) ?? DEFAULT_ACCESS;
}

export async function getApiAccess(): Promise<ApiAccess> {
  return parseApiAccess(await getSetting(SETTING_KEY));
}

export async function setApiAccess(actor: AuditActor, access: ApiAccess): Promise<{ access: ApiAccess }> {
  await saveSetting(actor, SETTING_KEY, access);
  return { access };
}

export function isApiAllowedFor(access: ApiAccess, role: "ADMIN" | "USER"): boolean {
  return access === "everyone" || (access === "admins" && role === "ADMIN");
}

/**
 * isApiAllowedFor as SQL, for the /v1 call's one statement (lib/db/api-call-context.ts): `stored` is the setting's
 * value (null when unset; anything unknown counts as the default, admins only), `role` the caller's role as text.
 */
export function apiAllowedSql(stored: Prisma.Sql, role: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE ${stored} WHEN 'everyone' THEN true WHEN 'off' THEN false ELSE ${role} = 'ADMIN' END`;
}
