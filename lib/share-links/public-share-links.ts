// The admin's switch for public share links (on by default). Off, no link can be made and every existing link
// answers 404, at once: it is read on every request. Turning it back on revives the links that are still live.
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";

const SETTING_KEY = "publicShareLinks";

export async function arePublicShareLinksEnabled(): Promise<boolean> {
  return (await getSetting(SETTING_KEY)) !== "off";
}

export async function setPublicShareLinksEnabled(actor: AuditActor, enabled: boolean): Promise<{ enabled: boolean }> {
  await saveSetting(actor, SETTING_KEY, enabled ? "on" : "off");
  return { enabled: await arePublicShareLinksEnabled() };
}
