import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { loadOrCreateLocalSecrets } from "@/lib/bootstrap/local-secrets";

const folders: string[] = [];
function makeFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "parley-secrets-"));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

it("generates each secret once, keeps it, and keeps what the file holds besides", () => {
  const dataDir = path.join(makeFolder(), ".data");
  const first = loadOrCreateLocalSecrets(dataDir, ["authSecret"]);
  const file = path.join(dataDir, "secrets.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), fromLaterVersion: "kept" }));

  const second = loadOrCreateLocalSecrets(dataDir, ["authSecret", "encryptionKey"]);
  expect(second.authSecret).toBe(first.authSecret);
  expect(second.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ fromLaterVersion: "kept", ...second });
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

it("says whose folder it is and what to do when this user may not write it", () => {
  // Installed by one user, run by another: as root, the child runs as "nobody"; otherwise the folder is read-only.
  const dataDir = makeFolder();
  writeFileSync(path.join(dataDir, "secrets.json"), "{}", { mode: 0o600 });
  const isRoot = process.getuid?.() === 0;
  chmodSync(dataDir, isRoot ? 0o755 : 0o500);
  const module = path.resolve(import.meta.dirname, "../../lib/bootstrap/local-secrets.ts");
  const script =
    `const { loadOrCreateLocalSecrets } = await import(${JSON.stringify(module)});` +
    `try { loadOrCreateLocalSecrets(${JSON.stringify(dataDir)}, ["authSecret"]); } ` +
    "catch (error) { console.log(error.message); }";
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  chmodSync(dataDir, 0o700);
  expect(child.stderr).toBe("");
  expect(child.stdout).toContain(`${dataDir} holds Parley's own data`);
  expect(child.stdout).toContain("set PARLEY_DATA_DIR to a folder this user may write");
});
