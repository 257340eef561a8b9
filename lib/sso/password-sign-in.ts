// The admin's switch that turns password sign-in off once SSO works (on by default). It can only be turned off
// while an OpenID provider exists, and PASSWORD_SIGN_IN_RECOVERY=true turns it back on at start, for an admin locked
// out by a broken provider (README, "Single sign-on").
import { type AuditActor, PARLEY_ACTOR } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { listSsoProviders } from "../db/sso";
import { env } from "../env";
import { AppError } from "../errors";

const SETTING_KEY = "passwordSignIn";

export async function isPasswordSignInEnabled(): Promise<boolean> {
  return (await getSetting(SETTING_KEY)) !== "off";
}

export async function setPasswordSignInEnabled(actor: AuditActor, enabled: boolean): Promise<{ enabled: boolean }> {
  if (!enabled && (await listSsoProviders()).length === 0) {
    throw new AppError("conflict", "Add a single sign-on provider before turning password sign-in off.");
  }
  await saveSetting(actor, SETTING_KEY, enabled ? "on" : "off");
  return { enabled: await isPasswordSignInEnabled() };
}

/** At start: the recovery variable switches password sign-in back on (audited as Parley itself). */
export async function recoverPasswordSignIn(): Promise<boolean> {
  if (!env().PASSWORD_SIGN_IN_RECOVERY || (await isPasswordSignInEnabled())) return false;
  await saveSetting(PARLEY_ACTOR, SETTING_KEY, "on");
  return true;
}
