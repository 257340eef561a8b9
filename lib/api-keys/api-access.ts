// Who may use the /v1 API (an admin's switch): nobody, admins only (the default), or everyone.
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";

export const apiAccessLevels = ["off", "admins", "everyone"] as const;
export type ApiAccess = (typeof apiAccessLevels)[number];

const SETTING_KEY = "apiAccess";
const DEFAULT_ACCESS: ApiAccess = "admins";

export async function getApiAccess(): Promise<ApiAccess> {
  const stored = await getSetting(SETTING_KEY);
  return apiAccessLevels.find((level) => level === stored) ?? DEFAULT_ACCESS;
}

export async function setApiAccess(actor: AuditActor, access: ApiAccess): Promise<{ access: ApiAccess }> {
  await saveSetting(actor, SETTING_KEY, access);
  return { access };
}

export function isApiAllowedFor(access: ApiAccess, role: "ADMIN" | "USER"): boolean {
  return access === "everyone" || (access === "admins" && role === "ADMIN");
}
