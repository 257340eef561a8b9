// Start-up: is AUTH_SECRET the secret the other processes of this database sign sessions with? A second machine
// set up without AUTH_SECRET generated its own, and users were sent back to sign-in whenever the load balancer
// picked the other process, with nothing in any log. The first start records a check value of the secret; a start
// with another one stops and says so. `npm run keys:accept-auth-secret` (prepare with --accept-auth-secret) records
// the new secret on purpose: sessions signed with the old one can no longer be read, so every session ends.
import { createHmac } from "node:crypto";
import path from "node:path";
import { putSetting, putSettingUnlessSet } from "../db/settings";
import { env, requireEnv } from "../env";
import { isGeneratedSecret } from "./local-secrets";

export const ACCEPT_FLAG = "--accept-auth-secret";
const ACCEPT_COMMAND = "npm run keys:accept-auth-secret";
const CHECK_SETTING = "authSecretCheck";

/** An HMAC of a fixed text under the secret: it tells secrets apart, and allows no offline guessing of a weak one. */
function authSecretCheckValue(): string {
  return `v1:${createHmac("sha256", requireEnv("AUTH_SECRET")).update("parley auth secret check").digest("base64")}`;
}

function describeSecretSource(): string {
  const dataDir = path.resolve(env().PARLEY_DATA_DIR);
  return isGeneratedSecret(dataDir, "authSecret", requireEnv("AUTH_SECRET"))
    ? `the AUTH_SECRET generated into ${path.join(dataDir, "secrets.json")} (AUTH_SECRET is not set)`
    : "AUTH_SECRET from the environment (or .env)";
}

export async function checkAuthSecret(): Promise<void> {
  const current = authSecretCheckValue();
  if (process.argv.includes(ACCEPT_FLAG)) {
    await putSetting(CHECK_SETTING, current);
    console.log(
      "[parley] AUTH_SECRET accepted: sessions signed with the previous one have ended (their users sign in again); " +
        "start every process of this database with this one",
    );
    return;
  }
  if ((await putSettingUnlessSet(CHECK_SETTING, current)) === current) return;
  throw new Error(
    `AUTH_SECRET is not the one this database's sessions are signed with: this process uses ${describeSecretSource()}. ` +
      "Every Parley process on one database needs the same AUTH_SECRET; with another one, users are sent back to " +
      "sign-in whenever a request reaches this process. Give it the AUTH_SECRET of the others (from their " +
      `environment, or the secrets.json of their data folder), or, to replace the secret on purpose, run \`${ACCEPT_COMMAND}\` ` +
      "with the new AUTH_SECRET set and start every process with it: every session ends.",
  );
}
