// Who may register: open (the default, so that a fresh install works at once), approval (new accounts wait as
// PENDING) or closed (invitations only). The console's choice wins; until an admin makes one,
// REGISTRATION_POLICY decides, so that headless installs can start closed or with approval.
import { z } from "zod";
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { hasAnyUser, type RegistrationPolicy } from "../db/users";
import { env } from "../env";

const SETTING_KEY = "registrationPolicy";

export const registrationPolicySchema = z.enum(["open", "approval", "closed"]);

export type PolicySource = "console" | "environment" | "default";

export async function getRegistrationPolicy(): Promise<{ policy: RegistrationPolicy; source: PolicySource }> {
  const stored = registrationPolicySchema.safeParse(await getSetting(SETTING_KEY));
  if (stored.success) return { policy: stored.data, source: "console" };
  const configured = env().REGISTRATION_POLICY;
  return configured ? { policy: configured, source: "environment" } : { policy: "open", source: "default" };
}

export async function setRegistrationPolicy(actor: AuditActor, policy: RegistrationPolicy) {
  await saveSetting(actor, SETTING_KEY, policy);
  return getRegistrationPolicy();
}

/**
 * Whether the register page should say "closed" instead of showing a form that would be refused: the policy is
 * closed, the visitor has no usable invitation, and the install already has its first account.
 */
export async function isRegistrationClosedTo(hasInvitation: boolean): Promise<boolean> {
  if (hasInvitation) return false;
  const { policy } = await getRegistrationPolicy();
  return policy === "closed" && (await hasAnyUser());
}
