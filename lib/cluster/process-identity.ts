// This app process's identity among the processes sharing the database: the owner recorded on each reply it
// generates and the id of its lease (lib/cluster/process-lease.ts). New at every start, so that a restarted process
// never claims the replies of the one before it.
import { randomBytes } from "node:crypto";

// On globalThis: Next's compiled route handlers and the server's own modules run in one process and share it.
const globalForProcess = globalThis as unknown as { parleyProcessId?: string };

export function currentProcessId(): string {
  globalForProcess.parleyProcessId ??= `p${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;
  return globalForProcess.parleyProcessId;
}
