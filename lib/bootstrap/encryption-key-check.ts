// Start-up: is ENCRYPTION_KEY the key this database's provider keys were sealed with? A changed key used to start
// silently, and then every reply failed ("unable to authenticate data"). The first start records a check value of
// the key; a later start with another key stops and says what to do, unless nothing stored needs the old key.
// `npm run keys:reset-providers` (prepare with --reset-provider-keys) accepts the new key: it forgets the provider
// keys it cannot decrypt, to be entered again.
import path from "node:path";
import {
  clearProviderKeys,
  getEncryptionKeyCheck,
  listSealedProviderKeys,
  saveEncryptionKeyCheck,
} from "../db/encryption-key-check";
import { env, requireEnv } from "../env";
import { canDecryptSecret, encryptionKeyCheckValue } from "../models/secret-box";
import { isGeneratedSecret } from "./local-secrets";

export const RESET_FLAG = "--reset-provider-keys";
const RESET_COMMAND = "npm run keys:reset-providers";

/** Where the key in use came from, so that the message names the one to restore. */
function describeKeySource(): string {
  const dataDir = path.resolve(env().PARLEY_DATA_DIR);
  return isGeneratedSecret(dataDir, "encryptionKey", requireEnv("ENCRYPTION_KEY"))
    ? `the generated key in ${path.join(dataDir, "secrets.json")}`
    : "ENCRYPTION_KEY from the environment (or .env)";
}

function mismatchMessage(undecryptable: string[]): string {
  const loss = `it cannot decrypt the provider API keys stored there (of ${undecryptable.join(", ")})`;
  return (
    `ENCRYPTION_KEY is not the key this database was set up with: ${describeKeySource()} is in use, and ${loss}. ` +
    `Restore the ENCRYPTION_KEY used before, or run \`${RESET_COMMAND}\` to go on with this key: it clears the ` +
    "provider API keys it cannot decrypt, which an admin then enters again in Admin → Providers."
  );
}

export async function checkEncryptionKey(): Promise<void> {
  const current = encryptionKeyCheckValue();
  const stored = await getEncryptionKeyCheck();
  if (stored === current) return;
  const undecryptable = (await listSealedProviderKeys()).filter((row) => !canDecryptSecret(row.apiKeyEncrypted));
  if (process.argv.includes(RESET_FLAG)) {
    await clearProviderKeys(
      undecryptable.map((row) => row.id),
      current,
    );
    const names = undecryptable.map((row) => row.name).join(", ");
    console.log(
      undecryptable.length > 0
        ? `[parley] ENCRYPTION_KEY accepted; cleared the API keys of ${names}: enter them again in Admin → Providers`
        : "[parley] ENCRYPTION_KEY accepted; every stored provider key decrypts with it",
    );
    return;
  }
  // Nothing sealed with another key (a new database, one from before the check, or providers that need no key):
  // nothing is lost, so this key is recorded and the start goes on.
  if (undecryptable.length === 0) {
    await saveEncryptionKeyCheck(current);
    if (stored !== null) console.log("[parley] ENCRYPTION_KEY changed; no stored provider key needed the old one");
    return;
  }
  throw new Error(mismatchMessage(undecryptable.map((row) => row.name)));
}
