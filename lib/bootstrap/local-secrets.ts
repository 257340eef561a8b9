// For local installs: the secrets not given in the environment (AUTH_SECRET, ENCRYPTION_KEY, and the embedded
// database's password) are generated once, each when first needed, and kept in the data dir's secrets.json.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Loose: keys this version does not know are kept when the file is rewritten.
const secretsSchema = z.looseObject({
  authSecret: z.string().min(32).optional(),
  encryptionKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  databasePassword: z.string().min(32).optional(),
});
export type LocalSecretName = "authSecret" | "encryptionKey" | "databasePassword";
export type LocalSecrets = Record<LocalSecretName, string>;

const generators: Record<LocalSecretName, () => string> = {
  authSecret: () => randomBytes(32).toString("base64url"),
  encryptionKey: () => randomBytes(32).toString("hex"),
  // Hex: it goes into a connection URL unencoded.
  databasePassword: () => randomBytes(24).toString("hex"),
};

/** The named secrets from the file, generating (and saving) those it does not hold yet. */
export function loadOrCreateLocalSecrets<Name extends LocalSecretName>(
  dataDir: string,
  names: readonly Name[],
): Pick<LocalSecrets, Name> {
  if (names.length === 0) return {} as Pick<LocalSecrets, Name>;
  try {
    return readOrWriteSecrets(dataDir, names);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EACCES" && code !== "EPERM") throw error;
    // Typically installed (or first started) as root, then run as a service's own user.
    throw new Error(
      `${dataDir} holds Parley's own data (secrets, the embedded database) and this user (${os.userInfo().username}) ` +
        "may not write it. Run Parley as the user that owns it, give the folder to this user (chown -R), or set " +
        "PARLEY_DATA_DIR to a folder this user may write.",
      { cause: error },
    );
  }
}

/** Whether `value` is the secret generated into the data dir's secrets.json (rather than one from the environment). */
export function isGeneratedSecret(dataDir: string, name: LocalSecretName, value: string): boolean {
  const file = path.join(dataDir, "secrets.json");
  if (!existsSync(file)) return false;
  const stored = secretsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return stored.success && stored.data[name] === value;
}

function readOrWriteSecrets<Name extends LocalSecretName>(dataDir: string, names: readonly Name[]) {
  const file = path.join(dataDir, "secrets.json");
  const stored = existsSync(file) ? secretsSchema.parse(JSON.parse(readFileSync(file, "utf8"))) : {};
  const missing = names.filter((name) => stored[name] === undefined);
  if (missing.length > 0) {
    const updated = { ...stored, ...Object.fromEntries(missing.map((name) => [name, generators[name]()])) };
    mkdirSync(dataDir, { recursive: true });
    // Written aside and renamed over: the file may already hold the encryption key, which a torn write would lose.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(updated, null, 2), { mode: 0o600 });
    renameSync(temporary, file);
    Object.assign(stored, updated);
  }
  return Object.fromEntries(names.map((name) => [name, stored[name]])) as Pick<LocalSecrets, Name>;
}
