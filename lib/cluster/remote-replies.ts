// Replies across processes. The process generating a reply (its owner) keeps every event it published, as it always
// did for re-attaching; a reader on another process gets a copy of that reply there (a mirror: a LiveReply fed from
// the bus), so that the event-stream code serves it like any other. The mirror asks the owner to `follow`: the owner
// answers with the events after the mirror's last one, then every new one as it is published, all on its one
// sending session, hence in order. Events carry their sequence number, so a repeat is dropped and a gap (a
// notification lost while a connection was down) makes the mirror ask again from its last event: never a doubled or
// lost delta. When the owner has nothing more to give (its reply closed, or it died and was recovered), the mirror
// ends from what the database saved.

import { LiveReply, type StoredEvent } from "../chat/live-reply";
import { readSavedReply } from "../db/process-leases";
import { READER_STOPPED_FINISH } from "../live/messages";
import type { BusMessage } from "./bus-messages";
import { broadcast } from "./live-bus";
import { currentProcessId } from "./process-identity";

type Mirror = {
  live: LiveReply;
  owner: string;
  /** When the mirror last heard from the owner or asked it again: paces the asking. */
  lastHeardAt: number;
  /** When the owner last answered (an event or an ack): a long silence sends the mirror to the database. */
  lastAnsweredAt: number;
  lastSavedCheckAt: number;
  answered: Promise<"ready" | "gone">;
  answer: (outcome: "ready" | "gone") => void;
  watchdog: NodeJS.Timeout;
  isEnding: boolean;
};

const globalForRemote = globalThis as unknown as {
  parleyOwnedReplies?: Map<string, LiveReply>;
  parleyFollowedReplies?: Set<string>;
  parleyMirrors?: Map<string, Mirror>;
};
globalForRemote.parleyOwnedReplies ??= new Map();
globalForRemote.parleyFollowedReplies ??= new Set();
globalForRemote.parleyMirrors ??= new Map();
const owned = globalForRemote.parleyOwnedReplies;
const followed = globalForRemote.parleyFollowedReplies;
const mirrors = globalForRemote.parleyMirrors;

// A mirror that heard nothing from the owner for this long asks again (a follow lost while a connection was down).
const SILENCE_MS = 3_000;
// An owner that answered nothing for this long may be dead, and its reply recovered by a process whose `swept` this
// one missed (its bus was reconnecting, or the recovery ran at a start before the bus): the mirror then reads the
// saved reply (every 3-4 s, at the watchdog's ticks), and ends from it once it is no longer being written.
const OWNER_SILENT_MS = 10_000;
// How long a first re-attach waits for the owner's answer before streaming what comes.
const FIRST_ANSWER_MS = 3_000;
// A mirror stays open after the final event for a title, as the owner's stream does, until the owner says closed.
const TITLE_HOLD_MS = 30_000;

function eventMessage(replyId: string, event: StoredEvent): BusMessage {
  const message: BusMessage = { k: "ev", r: replyId, id: event.id, e: event.event, f: event.frame };
  return event.adminFrame === undefined ? message : { ...message, a: event.adminFrame };
}

/** Owner side: makes a reply of this process reachable from the others, until its stream closes. */
export function shareReply(live: LiveReply): void {
  const replyId = live.assistantMessageId;
  owned.set(replyId, live);
  live.followEncoded({
    // Nothing goes on the bus for a reply nobody follows elsewhere: no cost per delta for the common case.
    onEvent: (event) => {
      if (followed.has(replyId)) broadcast(eventMessage(replyId, event));
    },
    onClose: () => {
      owned.delete(replyId);
      if (followed.delete(replyId)) broadcast({ k: "closed", r: replyId });
    },
  });
}

/** The replies launched here whose stream is still open (a title may still follow the end). */
export function countOpenReplies(): number {
  return owned.size;
}

function answerFollow(replyId: string, after: number): void {
  const live = owned.get(replyId);
  if (!live || live.closed) {
    broadcast({ k: "gone", r: replyId });
    return;
  }
  // Synchronously: the replay and the live events that follow it leave in order, with nothing between them lost.
  for (const event of live.eventsAfter(after)) broadcast(eventMessage(replyId, event));
  followed.add(replyId);
  broadcast({ k: "ack", r: replyId });
}

function askOwner(replyId: string, mirror: Mirror): void {
  mirror.lastHeardAt = Date.now();
  broadcast({ k: "follow", r: replyId, owner: mirror.owner, after: mirror.live.eventCount });
}

function createMirror(conversationId: string, replyId: string, owner: string): Mirror {
  const live = new LiveReply(conversationId, replyId);
  live.holdOpenAfterEnd(TITLE_HOLD_MS);
  let answer: Mirror["answer"] = () => {};
  const answered = new Promise<"ready" | "gone">((resolve) => (answer = resolve));
  const mirror: Mirror = {
    live,
    owner,
    lastHeardAt: Date.now(),
    lastAnsweredAt: Date.now(),
    lastSavedCheckAt: 0,
    answered,
    answer,
    isEnding: false,
    watchdog: undefined as unknown as NodeJS.Timeout,
  };
  mirror.watchdog = setInterval(() => {
    if (live.finished) return;
    const now = Date.now();
    if (now - mirror.lastAnsweredAt > OWNER_SILENT_MS && now - mirror.lastSavedCheckAt > SILENCE_MS) {
      mirror.lastSavedCheckAt = now;
      void endIfSavedAsEnded(replyId, mirror);
    }
    if (now - mirror.lastHeardAt > SILENCE_MS) askOwner(replyId, mirror);
  }, 1_000).unref();
  live.followEncoded({
    onEvent: () => {},
    onClose: () => {
      clearInterval(mirror.watchdog);
      if (mirrors.get(replyId) === mirror) mirrors.delete(replyId);
    },
  });
  mirrors.set(replyId, mirror);
  askOwner(replyId, mirror);
  return mirror;
}

/**
 * Reader side: this process's copy of a reply that `owner` generates, once the owner answered (at most a few seconds
 * later); undefined when the owner no longer has it (it has ended: the thread shows it as saved).
 */
export async function followRemoteReply(
  conversationId: string,
  replyId: string,
  owner: string,
): Promise<LiveReply | undefined> {
  const existing = mirrors.get(replyId);
  const mirror = existing && !existing.live.closed ? existing : createMirror(conversationId, replyId, owner);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), FIRST_ANSWER_MS)));
  const outcome = await Promise.race([mirror.answered, waited]);
  clearTimeout(timer);
  if (outcome === "gone" && mirror.live.eventCount === 0) return undefined;
  return mirror.live;
}

/** The text the mirror's readers have received: the deltas' texts, read back from their frames. */
function receivedText(live: LiveReply): string {
  return live
    .eventsAfter(0)
    .filter((event) => event.event === "delta")
    .map((event) => {
      const data = /\ndata: (.*)\n/.exec(event.frame)?.[1] ?? "{}";
      const text = (JSON.parse(data) as { text?: unknown }).text;
      return typeof text === "string" ? text : "";
    })
    .join("");
}

/** For a mirror whose owner went silent: ends it from the database once the reply is saved as ended (or gone). */
async function endIfSavedAsEnded(replyId: string, mirror: Mirror): Promise<void> {
  const saved = await readSavedReply(replyId).catch(() => undefined);
  if (saved === undefined || saved?.status === "STREAMING") return;
  mirror.answer("gone");
  await endFromSaved(replyId, mirror);
}

/** The owner has nothing more to send: the rest of the reply, and its end, from what the database saved. */
async function endFromSaved(replyId: string, mirror: Mirror): Promise<void> {
  const { live } = mirror;
  if (mirror.isEnding) return;
  mirror.isEnding = true;
  if (live.finished) {
    live.close();
    return;
  }
  const saved = await readSavedReply(replyId).catch(() => null);
  if (!saved || saved.status === "STREAMING") {
    live.close();
    return;
  }
  // The rest of the text, after the owner's `start` and deltas. A mirror that never heard the owner has no `start`
  // to give: its readers are pages re-attaching, which add deltas to the text they show and start from empty only at
  // a `start`, so the saved text would show twice; they get the end alone, and read the saved reply after it.
  const received = receivedText(live);
  if (live.eventCount > 0 && saved.content.length > received.length && saved.content.startsWith(received)) {
    live.publish("delta", { text: saved.content.slice(received.length) });
  }
  if (saved.status === "ERROR") {
    live.publish("error", { code: saved.errorCode ?? "upstream_error", message: "The reply failed." });
  } else {
    const status = saved.status === "INTERRUPTED" ? "INTERRUPTED" : "COMPLETE";
    const finishReason = saved.finishReason ?? (status === "INTERRUPTED" ? READER_STOPPED_FINISH : "stop");
    live.publish("done", { finishReason, usage: null, status, context: null });
  }
  live.close();
}

/** Bus messages about replies; returns false for the others. */
export function handleReplyMessage(message: BusMessage): boolean {
  switch (message.k) {
    case "follow":
      if (message.owner === currentProcessId()) answerFollow(message.r, message.after);
      return true;
    case "ev": {
      const mirror = mirrors.get(message.r);
      if (!mirror) return true;
      mirror.lastHeardAt = Date.now();
      mirror.lastAnsweredAt = mirror.lastHeardAt;
      const entry: StoredEvent = { id: message.id, event: message.e, frame: message.f };
      if (message.a !== undefined) entry.adminFrame = message.a;
      if (mirror.live.appendEncoded(entry) === "gap") askOwner(message.r, mirror);
      return true;
    }
    case "ack": {
      const mirror = mirrors.get(message.r);
      if (mirror) {
        mirror.lastHeardAt = Date.now();
        mirror.lastAnsweredAt = mirror.lastHeardAt;
        mirror.answer("ready");
      }
      return true;
    }
    case "gone":
    case "closed": {
      const mirror = mirrors.get(message.r);
      if (!mirror) return true;
      mirror.answer("gone");
      void endFromSaved(message.r, mirror);
      return true;
    }
    case "swept":
      endRecoveredMirrors(message.r);
      return true;
    default:
      return false;
  }
}

/** Replies recovered as interrupted (their owner died): their readers here get the saved end. */
export function endRecoveredMirrors(replyIds: string[]): void {
  for (const replyId of replyIds) {
    const mirror = mirrors.get(replyId);
    if (mirror) void endFromSaved(replyId, mirror);
  }
}

/** After this process's bus reconnected: every mirror asks its owner again from its last event. */
export function resyncMirrors(): void {
  for (const [replyId, mirror] of mirrors) if (!mirror.live.finished) askOwner(replyId, mirror);
}
