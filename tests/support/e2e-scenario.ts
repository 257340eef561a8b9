import { tmpdir } from "node:os";

// What the end-to-end stack's fake model answers (serve-test-stack.ts); shared with the specs, which must not import
// the stack's entry point (it starts servers when loaded).
export const E2E_REPLY = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");

// A message starting with this is answered with the rest of it: a spec chooses what the model "writes".
export const E2E_ECHO_PREFIX = "echo:";

// The admin account the end-to-end server ensures at start (ADMIN_EMAIL / ADMIN_PASSWORD), for specs of the console.
export const E2E_ADMIN = { email: "admin@e2e.test", password: "admin password e2e" };

// Where serve-test-stack.ts tells the specs the address of its database, one file per user and stack address: /tmp
// is shared, and another user's file left there (root's, from CI) could not be overwritten (EACCES at start).
export function e2eStackFile(baseUrl: string): string {
  return `${tmpdir()}/parley-e2e-${process.getuid?.() ?? "user"}-${new URL(baseUrl).port}.json`;
}
