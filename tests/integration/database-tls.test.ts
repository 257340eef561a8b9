// A PostgreSQL that accepts only TLS, as managed databases do: migrations and the app reach it with the URL's
// `sslmode`, and a plain connection is refused.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningPostgres, startEmbeddedPostgres } from "@/lib/bootstrap/embedded-postgres";
import { connectionOptionsFromUrl } from "@/lib/db/connection-options";
import { signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const DATABASE = "parley_tls";
const password = randomBytes(16).toString("hex");
let folder: string;
let certificate: string;
let cluster: RunningPostgres;

function urlWith(query: string): string {
  return `postgresql://parley:${password}@127.0.0.1:${cluster.port}/${DATABASE}?${query}`;
}

/** A self-signed certificate for 127.0.0.1, handed to the cluster's OS user with the mode PostgreSQL demands. */
function installCertificate(dataDir: string): void {
  const key = path.join(folder, "server.key");
  certificate = path.join(folder, "server.crt");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"],
      ...["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate],
    ],
    { stdio: "ignore" },
  );
  const owner = statSync(dataDir);
  for (const file of ["server.key", "server.crt"]) {
    copyFileSync(path.join(folder, file), path.join(dataDir, file));
    chownSync(path.join(dataDir, file), owner.uid, owner.gid);
    chmodSync(path.join(dataDir, file), 0o600);
  }
}

beforeAll(async () => {
  folder = makeDataDir("parley-tls-");
  const dataDir = path.join(folder, "postgres");
  // A first start creates the cluster and the database; then the cluster is closed to plain connections.
  const first = await startEmbeddedPostgres(dataDir, { password, database: DATABASE });
  await first.stop();
  installCertificate(dataDir);
  writeFileSync(
    path.join(dataDir, "pg_hba.conf"),
    [
      "hostssl all all 127.0.0.1/32 scram-sha-256",
      // The launcher's own check of the cluster connects in plain text to the maintenance database only.
      "hostnossl postgres parley 127.0.0.1/32 scram-sha-256",
    ].join("\n"),
  );
  cluster = await startEmbeddedPostgres(dataDir, {
    password,
    database: DATABASE,
    extraFlags: ["-c", "ssl=on", "-c", "ssl_cert_file=server.crt", "-c", "ssl_key_file=server.key"],
  });
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(folder, { recursive: true, force: true });
});

it("refuses a plain connection to the database", async () => {
  const client = new pg.Client(connectionOptionsFromUrl(urlWith("sslmode=disable")));
  await expect(client.connect()).rejects.toThrow(/no encryption/);
});

it("migrates and serves over TLS with sslmode=require", async () => {
  const dataDir = mkdtempSync(path.join(folder, "app-"));
  let app: AppServer | undefined;
  try {
    // The launcher applies the migrations (prisma.config.ts) and ensures the admin (lib/db/client.ts) first.
    app = await startAppServer({
      databaseUrl: urlWith("sslmode=require"),
      dataDir,
      extraEnv: { ADMIN_EMAIL: "tls-admin@example.test", ADMIN_PASSWORD: "long enough" },
    });
    const admin = await signedInClient("tls-admin@example.test", "long enough", app.baseUrl);
    expect((await admin.fetch("/api/conversations")).status).toBe(200);
  } finally {
    await app?.stop();
  }
  const client = new pg.Client(connectionOptionsFromUrl(urlWith("sslmode=require")));
  await client.connect();
  const migrations = await client.query("SELECT count(*)::int AS applied FROM _prisma_migrations");
  await client.end();
  expect(migrations.rows[0].applied).toBeGreaterThan(0);
});

it("checks the server's certificate with sslmode=verify-full, against sslrootcert", async () => {
  const trusted = new pg.Client(connectionOptionsFromUrl(urlWith(`sslmode=verify-full&sslrootcert=${certificate}`)));
  await trusted.connect();
  const { rows } = await trusted.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
  await trusted.end();
  expect(rows[0].ssl).toBe(true);

  const unverified = new pg.Client(connectionOptionsFromUrl(urlWith("sslmode=verify-full")));
  await expect(unverified.connect()).rejects.toThrow(/self-signed certificate/);
});
