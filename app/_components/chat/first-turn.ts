import type { AttachmentView } from "@/lib/live/messages";
import { postMessage } from "./chat-requests";

// The first message of a new chat is sent from "/" the moment its conversation exists, before the page moves to
// "/c/{id}"; that page takes over the reply's stream instead of sending anything itself. So leaving in between
// cannot drop the message: the server saves it and generates the reply whoever reads it. Module state, because it
// only has to outlive a client-side navigation (a reload finds the message saved and re-attaches to the reply).
export type FirstTurn = {
  content: string;
  attachments: AttachmentView[];
  clientMessageId: string;
  response: Promise<Response>;
  // Aborts reading the stream (never the send: it is aborted only once the server has answered).
  controller: AbortController;
};

const handedOver = new Map<string, FirstTurn>();

// How long a stream waits for its conversation page; after that nobody is coming, and reading it stops.
const UNCLAIMED_MS = 30_000;

export function sendFirstMessage(conversationId: string, content: string, attachments: AttachmentView[]): FirstTurn {
  const controller = new AbortController();
  const clientMessageId = crypto.randomUUID();
  const attachmentIds = attachments.map((attachment) => attachment.id);
  const response = postMessage(conversationId, { content, clientMessageId, attachmentIds }, controller.signal);
  const turn: FirstTurn = { content, attachments, clientMessageId, response, controller };
  handedOver.set(conversationId, turn);
  setTimeout(() => {
    if (handedOver.get(conversationId) !== turn) return;
    handedOver.delete(conversationId);
    void response.then(
      () => controller.abort(),
      () => undefined,
    );
  }, UNCLAIMED_MS);
  return turn;
}

/** The first turn for this conversation's page to follow; it is handed over once. */
export function takeFirstTurn(conversationId: string): FirstTurn | null {
  const turn = handedOver.get(conversationId) ?? null;
  handedOver.delete(conversationId);
  return turn;
}
