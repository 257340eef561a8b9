// A Stop recorded on the replies it is for. The processes' bus tells a reply's owner at once, but a process misses
// what is sent while its bus is down; the record is read back by the owner after its bus reconnects and with every
// partial save, so a lost message does not lose the Stop (docs/architecture.md, "Stop, watch, access", says what
// it still misses).
import { db } from "./client";

export type StopRecorded = { id: string; ownerProcessId: string | null };

/** Marks every reply of the conversation still being written as asked to stop; returns them with their owners. */
export async function recordStop(conversationId: string): Promise<StopRecorded[]> {
  return db().$queryRaw<StopRecorded[]>`
    UPDATE "Message" SET "stopRequested" = true
     WHERE "conversationId" = ${conversationId} AND status = 'STREAMING'
    RETURNING id, "ownerProcessId"`;
}

export type StopAsked = { id: string; conversationId: string };

/** The replies this process writes that were asked to stop. */
export async function findStopsAsked(processId: string): Promise<StopAsked[]> {
  return db().$queryRaw<StopAsked[]>`
    SELECT id, "conversationId" FROM "Message"
     WHERE "ownerProcessId" = ${processId} AND status = 'STREAMING' AND "stopRequested"`;
}
