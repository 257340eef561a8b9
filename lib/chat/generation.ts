// A reply being generated: it runs independently of any HTTP response and keeps its events, so that the
// browser may leave, a reloaded page may re-attach and a Stop may abort it.
import { encodeEvent } from "./event-stream";

export type GenerationEventName = "start" | "delta" | "done" | "error";
/** An event as it goes on the wire, encoded once: kept for replays as one compact string, not as objects. */
export type GenerationEvent = { id: number; event: GenerationEventName; frame: string };
type Listener = (event: GenerationEvent) => void;

export class Generation {
  readonly conversationId: string;
  readonly assistantMessageId: string;
  private readonly abortController = new AbortController();
  private readonly events: GenerationEvent[] = [];
  private readonly listeners = new Set<Listener>();
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

  publish(event: GenerationEventName, data: unknown): void {
    if (this.isFinished) return;
    const id = this.events.length + 1;
    const entry: GenerationEvent = { id, event, frame: encodeEvent(id, event, data) };
    this.events.push(entry);
    if (event === "done" || event === "error") this.isFinished = true;
    for (const listener of this.listeners) this.deliver(listener, entry);
    if (this.isFinished) this.listeners.clear();
  }

  /** One subscriber failing (a browser gone mid-write) must not disturb the reply or the other subscribers. */
  private deliver(listener: Listener, event: GenerationEvent): void {
    try {
      listener(event);
    } catch {
      this.listeners.delete(listener);
    }
  }

  /** Replays the events after `afterId`, then delivers new ones as they happen. Returns the unsubscribe. */
  subscribe(afterId: number, listener: Listener): () => void {
    for (const event of this.events.slice(Math.max(0, afterId))) listener(event);
    if (this.isFinished) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
