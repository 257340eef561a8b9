// The partial text of streaming replies, saved in batches: one UPDATE for every reply whose save is due, and at most
// one such statement in flight per process. A statement per save (each reply saves about once a second) made 400
// streams send 400 statements a second through the pool of 10, and the turns that were starting queued behind them
// for a connection: their first tokens came seconds late (`npm run bench`, "concurrent streams"). A save waits up to
// GATHER_MS for the others that fall due meanwhile: replies start at any moment, so their saves are spread over the
// second, and without the wait 40 streams still sent about 40 statements a second, 7% of the server's CPU per
// streamed delta (`npm run bench`, "server CPU per streamed delta"); with it, at most about five.
import { Prisma } from "./client";
import { queryPrepared } from "./direct-query";

// Resolved with whether the reply was asked to stop (lib/db/reply-stops.ts).
type Waiter = { resolve: (isStopRequested: boolean) => void; reject: (error: unknown) => void };
type Due = { content: string; waiters: Waiter[] };

/** How long a save waits for others to join its statement: the text saved is at most this much older. */
const GATHER_MS = 200;

const shared = globalThis as unknown as { parleyPartialSaves?: { due: Map<string, Due>; isWriting: boolean } };
// On globalThis, like the pool: Next's route handlers and the server's own modules load lib/db separately.
// `isWriting` is set from the first save's arrival: while gathering, then while the statements run.
shared.parleyPartialSaves ??= { due: new Map(), isWriting: false };
const state = shared.parleyPartialSaves;

// Sorted by id: two batches (of two processes) lock the rows they share in the same order.
const SAVE_BATCH = (ids: string[], contents: string[]) => Prisma.sql`
  UPDATE "Message" m SET content = saved.content, "updatedAt" = now()
    FROM unnest(${ids}::text[], ${contents}::text[]) AS saved(id, content)
   WHERE m.id = saved.id AND m.status = 'STREAMING'
  RETURNING m.id, m."stopRequested"`;

async function writeDue(): Promise<void> {
  while (state.due.size > 0) {
    const batch = [...state.due].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    state.due.clear();
    try {
      const saved = await queryPrepared<{ id: string; stopRequested: boolean }>(
        SAVE_BATCH(
          batch.map(([id]) => id),
          batch.map(([, due]) => due.content),
        ),
      );
      const stopRequested = new Set(saved.filter((row) => row.stopRequested).map((row) => row.id));
      for (const [id, due] of batch) for (const waiter of due.waiters) waiter.resolve(stopRequested.has(id));
    } catch (error) {
      for (const [, due] of batch) for (const waiter of due.waiters) waiter.reject(error);
    }
  }
  state.isWriting = false;
}

/**
 * Saves a streaming reply's text so far (only while it is still STREAMING); resolves once it is written, with whether
 * a reader has asked for the reply to stop. A later save of the same reply before the batch is sent replaces the
 * earlier text.
 */
export function savePartialReply(id: string, content: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const due = state.due.get(id);
    if (due) {
      due.content = content;
      due.waiters.push({ resolve, reject });
    } else {
      state.due.set(id, { content, waiters: [{ resolve, reject }] });
    }
    if (state.isWriting) return;
    state.isWriting = true;
    setTimeout(() => void writeDue(), GATHER_MS);
  });
}

/**
 * The reply has ended: its save, if it has not been sent yet, is not sent (the final save writes the whole text) and
 * resolves now, so that the end of a reply never waits for a batch to gather.
 */
export function withdrawPartialReply(id: string): void {
  const due = state.due.get(id);
  if (!due) return;
  state.due.delete(id);
  for (const waiter of due.waiters) waiter.resolve(false);
}
