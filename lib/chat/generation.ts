// A reply being generated: it runs independently of any HTTP response and keeps its events, so that the
// browser may leave, a reloaded page may re-attach and a Stop may abort it.
import { encodeEvent } from "./event-stream";

export type GenerationEventName = "start" | "delta" | "done" | "error";
/** An event as it goes on the wire, encoded once: kept for replays as one compact string, not as objects. */
export type GenerationEvent = { id: number; event: GenerationEventName; frame: string };
/** `adminFrame`: the same event as admins receive it (a failure's cause), when it differs. */
type StoredEvent = GenerationEvent & { adminFrame?: string };
type Listener = (event: GenerationEvent) => void;

export class Generation {
  readonly conversationId: string;
  readonly assistantMessageId: string;
  private readonly abortController = new AbortController();
  private readonly events: StoredEvent[] = [];
  /** Each listener, and whether it reads for an admin. */
  private readonly listeners = new Map<Listener, boolean>();
  private isFinished = false;

  constructor(conversationId: string, assistantMessageId: string) {
    this.conversationId = conversationId;
    this.assistantMessageId = assistantMessageId;
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  get finished(): boolean {
    return this.isFinished;
  }

  stop(): void {
    this.abortController.abort();
  }

  /** `adminData`: what admins receive instead of `data` (the cause of a failure, which others must not see). */
  publish(event: GenerationEventName, data: unknown, adminData?: unknown): void {
    if (this.isFinished) return;
    const id = this.events.length + 1;
    const entry: StoredEvent = { id, event, frame: encodeEvent(id, event, data) };
    if (adminData !== undefined) entry.adminFrame = encodeEvent(id, event, adminData);
    this.events.push(entry);
    if (event === "done" || event === "error") this.isFinished = true;
    for (const [listener, isAdmin] of this.listeners) this.deliver(listener, entry, isAdmin);
    if (this.isFinished) this.listeners.clear();
  }

  /** One subscriber failing (a browser gone mid-write) must not disturb the reply or the other subscribers. */
  private deliver(listener: Listener, event: StoredEvent, isAdmin: boolean): void {
    try {
      listener(event.adminFrame === undefined ? event : eventFor(event, isAdmin));
    } catch {
      this.listeners.delete(listener);
    }
  }

  /** Replays the events after `afterId`, then delivers new ones as they happen. Returns the unsubscribe. */
  subscribe(afterId: number, listener: Listener, isAdmin = false): () => void {
    for (const event of this.events.slice(Math.max(0, afterId))) this.deliver(listener, event, isAdmin);
    if (this.isFinished) return () => {};
    this.listeners.set(listener, isAdmin);
    return () => this.listeners.delete(listener);
  }
}

/** An event with an admin version (an error's cause), as this reader may see it; copied only for such events. */
function eventFor({ adminFrame, ...event }: StoredEvent, isAdmin: boolean): GenerationEvent {
  return isAdmin && adminFrame !== undefined ? { ...event, frame: adminFrame } : event;
}
