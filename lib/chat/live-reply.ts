// A reply being generated: it runs independently of any HTTP response and keeps its events, so that the
// browser may leave, a reloaded page may re-attach and a Stop may abort it. Its events are those of the live-event
// contract (lib/live/reply-events.ts), encoded through it.
import { encodeReplyEvent, isFinalReplyEvent, type ReplyEventInput, type ReplyEventName } from "../live/reply-events";

/** An event as it goes on the wire, encoded once: kept for replays as one compact string, not as objects. */
export type ReplyFrame = { id: number; event: ReplyEventName; frame: string };
/** `adminFrame`: the same event as admins receive it (a failure's cause), when it differs. */
export type StoredEvent = ReplyFrame & { adminFrame?: string };
/** `onEvent` for each event; `onClose` once the stream has nothing more to send. */
export type ReplyListener = { onEvent: (event: ReplyFrame) => void; onClose?: () => void };
/** A listener that takes every event with both its versions: another process's readers (lib/cluster). */
export type StoredEventListener = { onEvent: (event: StoredEvent) => void; onClose?: () => void };

export class LiveReply {
  readonly conversationId: string;
  readonly assistantMessageId: string;
  private readonly abortController = new AbortController();
  private readonly events: StoredEvent[] = [];
  /** Each listener, and whether it reads for an admin. */
  private readonly listeners = new Map<ReplyListener, boolean>();
  private readonly storedListeners = new Set<StoredEventListener>();
  private isFinished = false;
  private isClosed = false;
  private isStoppedByServer = false;
  /** Set while something may still follow the final event (a title), with the longest it may take. */
  private followUpLimitMs: number | null = null;

  constructor(conversationId: string, assistantMessageId: string) {
    this.conversationId = conversationId;
    this.assistantMessageId = assistantMessageId;
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  /** The reply has ended (`done` or `error` published). */
  get finished(): boolean {
    return this.isFinished;
  }

  /** Its stream has ended too: nothing more will be published. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** `byServer`: the server is stopping (a shutdown's drain ran out), not a reader. */
  stop({ byServer = false }: { byServer?: boolean } = {}): void {
    if (this.signal.aborted) return;
    this.isStoppedByServer = byServer;
    this.abortController.abort();
  }

  /** Stopped because the server was stopping: saved and told apart from a reader's Stop (`server_stopped`). */
  get stoppedByServer(): boolean {
    return this.isStoppedByServer;
  }

  /**
   * Keeps the stream open after the final event, for a `title` to come, until `close` or at most `limitMs` after the
   * final event: readers still there get it without asking again.
   */
  holdOpenAfterEnd(limitMs: number): void {
    this.followUpLimitMs = limitMs;
  }

  /** Takes back `holdOpenAfterEnd`: the final event will end the stream. */
  closeAtEnd(): void {
    this.followUpLimitMs = null;
  }

  /** How many events were published: the id of the last one. */
  get eventCount(): number {
    return this.events.length;
  }

  /** `adminData`: what admins receive instead of `data` (the cause of a failure, which others must not see). */
  publish<K extends ReplyEventName>(event: K, data: ReplyEventInput<K>, adminData?: ReplyEventInput<K>): void {
    if (this.isClosed || (this.isFinished && event !== "title")) return;
    const id = this.events.length + 1;
    const entry: StoredEvent = { id, event, frame: encodeReplyEvent(id, event, data) };
    if (adminData !== undefined) entry.adminFrame = encodeReplyEvent(id, event, adminData);
    this.append(entry);
  }

  /**
   * Adds an event already encoded by the reply's owner in another process (this reply is its copy here). Only the
   * next event in sequence is taken: "duplicate" for one already here, "gap" when some are missing before it.
   */
  appendEncoded(entry: StoredEvent): "added" | "duplicate" | "gap" {
    if (entry.id <= this.events.length || this.isClosed) return "duplicate";
    if (entry.id > this.events.length + 1) return "gap";
    this.append(entry);
    return "added";
  }

  private append(entry: StoredEvent): void {
    this.events.push(entry);
    for (const [listener, isAdmin] of this.listeners) this.deliver(listener, entry, isAdmin);
    for (const listener of this.storedListeners) listener.onEvent(entry);
    if (isFinalReplyEvent(entry.event)) this.finish();
  }

  /** The events after `afterId`, both versions, as another process's readers need them. */
  eventsAfter(afterId: number): StoredEvent[] {
    return this.events.slice(Math.max(0, afterId));
  }

  /** Every event from now on, both versions, until the stream closes. Returns the unsubscribe. */
  followEncoded(listener: StoredEventListener): () => void {
    if (this.isClosed) {
      listener.onClose?.();
      return () => {};
    }
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  private finish(): void {
    this.isFinished = true;
    if (this.followUpLimitMs === null) this.close();
    else setTimeout(() => this.close(), this.followUpLimitMs).unref();
  }

  /** Ends the stream: its readers are told, and later events are ignored. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const closing = [...this.listeners.keys(), ...this.storedListeners];
    this.listeners.clear();
    this.storedListeners.clear();
    for (const listener of closing) listener.onClose?.();
  }

  /** One subscriber failing (a browser gone mid-write) must not disturb the reply or the other subscribers. */
  private deliver(listener: ReplyListener, event: StoredEvent, isAdmin: boolean): void {
    try {
      listener.onEvent(event.adminFrame === undefined ? event : eventFor(event, isAdmin));
    } catch {
      this.listeners.delete(listener);
    }
  }

  /**
   * Replays the events after `afterId`, then delivers new ones as they happen, and calls `onClose` when the stream
   * ends (at once when it already has). Returns the unsubscribe.
   */
  subscribe(afterId: number, listener: ReplyListener, isAdmin = false): () => void {
    for (const event of this.events.slice(Math.max(0, afterId))) this.deliver(listener, event, isAdmin);
    if (this.isClosed) {
      listener.onClose?.();
      return () => {};
    }
    this.listeners.set(listener, isAdmin);
    return () => this.listeners.delete(listener);
  }
}

/** An event with an admin version (an error's cause), as this reader may see it; copied only for such events. */
function eventFor({ adminFrame, ...event }: StoredEvent, isAdmin: boolean): ReplyFrame {
  return isAdmin && adminFrame !== undefined ? { ...event, frame: adminFrame } : event;
}
