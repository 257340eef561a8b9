import type { ChatMessage, StartEvent } from "@/app/_components/api/types";
import {
  appendContent,
  appendReasoning,
  applyStart,
  countKeptAbove,
  mergeFetchedThread,
  NO_PLACEHOLDERS,
  type Placeholders,
  prependOlder,
  type ReplyEnding,
  takeBefore,
  updateStatus,
  withOlderShown,
} from "@/app/_components/chat/chat-messages";

// The thread as a page shows it while replies stream in: one pure reducer, with no React and no requests in it.
// The hook (use-chat-stream.ts) holds the side effects (requests, the lock, timers) and dispatches what happened.

export type Activity = "idle" | "streaming" | "switching";

export type ThreadState = {
  messages: ChatMessage[];
  // Streaming, or switching to another version: the thread must not be changed meanwhile by anything else.
  activity: Activity;
  error: string | null;
  // Stand-ins shown for the reply being requested, until its `start` names the real messages.
  placeholders: Placeholders;
  // The thread as it was before the request showed anything, given back if the server refuses it.
  beforeRequest: ChatMessage[] | null;
  // The title the model wrote, as the reply's stream announced it (null: none this visit).
  title: string | null;
  // The last switch of version, for the list's window (a new object each switch).
  versionSwitch: VersionSwitch | null;
};

// A switch of version replaces the thread below a message (`messageId`, the version switched to); the thread above
// it stays when the page had it. `lengthChange`: how many messages longer the thread got (negative: shorter); null
// when it was replaced whole.
export type VersionSwitch = { messageId: string; lengthChange: number | null };

// What a request shows of itself: at once (`show`), or only once the server accepted it (`showAfterAccepted`).
export type ThreadChange =
  // A new message under the thread (`unlessShown`: only if the thread is still empty, e.g. a first message the
  // page already loaded from the server).
  | { kind: "append"; message: ChatMessage; unlessShown?: boolean }
  // A new version of `messageId`: the thread from it down is replaced by `message`.
  | { kind: "replace"; messageId: string; message: ChatMessage };

export type ThreadAction =
  | { type: "requested"; placeholders: Placeholders; show?: ThreadChange }
  | { type: "accepted"; show?: ThreadChange }
  | { type: "refused"; error: string }
  | { type: "started"; start: StartEvent }
  | { type: "delta"; replyId: string; text: string }
  // The model's thinking, kept apart from the answer's text.
  | { type: "reasoning"; replyId: string; text: string }
  | ({ type: "ended"; replyId: string } & ReplyEnding)
  // A failure with no reply to show it on (it failed before `start`): the thread's alert shows it.
  | { type: "failed"; error: string }
  | { type: "released" }
  | { type: "switching" }
  | { type: "switched"; messageId: string; messages: ChatMessage[] }
  | { type: "switch-failed"; error: string }
  | { type: "thread-loaded"; messages: ChatMessage[] }
  | { type: "older-loaded"; messages: ChatMessage[] }
  | { type: "titled"; title: string }
  | { type: "alert"; error: string | null };

export function initialThreadState(messages: ChatMessage[]): ThreadState {
  const placeholders = NO_PLACEHOLDERS;
  return {
    messages,
    activity: "idle",
    error: null,
    placeholders,
    beforeRequest: null,
    title: null,
    versionSwitch: null,
  };
}

function applyChange(messages: ChatMessage[], change: ThreadChange | undefined): ChatMessage[] {
  if (!change) return messages;
  if (change.kind === "replace") return [...takeBefore(messages, change.messageId), change.message];
  return change.unlessShown && messages.length > 0 ? messages : [...messages, change.message];
}

function replyReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case "requested":
      // One request at a time: a second one while the thread is busy changes nothing (the hook refuses it too).
      if (state.activity !== "idle") return state;
      return {
        ...state,
        activity: "streaming",
        error: null,
        placeholders: action.placeholders,
        beforeRequest: state.messages,
        messages: applyChange(state.messages, action.show),
      };
    case "accepted":
      return { ...state, beforeRequest: null, messages: applyChange(state.messages, action.show) };
    case "refused":
      return { ...released(state), messages: state.beforeRequest ?? state.messages, error: action.error };
    case "started":
      return { ...state, messages: applyStart(state.messages, state.placeholders, action.start) };
    case "delta":
      return { ...state, messages: appendContent(state.messages, action.replyId, action.text) };
    case "reasoning":
      return { ...state, messages: appendReasoning(state.messages, action.replyId, action.text) };
    case "ended": {
      const { replyId, ...ending } = action;
      return { ...state, messages: updateStatus(state.messages, replyId, ending) };
    }
    case "failed":
      return { ...state, error: action.error };
    case "released":
      return state.activity === "streaming" ? released(state) : state;
    default:
      return state;
  }
}

function released(state: ThreadState): ThreadState {
  return { ...state, activity: "idle", placeholders: NO_PLACEHOLDERS, beforeRequest: null };
}

export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case "switching":
      return state.activity === "idle" ? { ...state, activity: "switching", error: null } : state;
    case "switched": {
      if (state.activity !== "switching") return state;
      const messages = withOlderShown(state.messages, action.messages);
      const isReplacedWhole = countKeptAbove(state.messages, action.messages) === null;
      const lengthChange = isReplacedWhole ? null : messages.length - state.messages.length;
      return { ...state, activity: "idle", messages, versionSwitch: { messageId: action.messageId, lengthChange } };
    }
    case "switch-failed":
      return state.activity === "switching" ? { ...state, activity: "idle", error: action.error } : state;
    case "thread-loaded":
      return { ...state, messages: mergeFetchedThread(state.messages, action.messages) };
    case "older-loaded":
      return { ...state, messages: prependOlder(state.messages, action.messages) };
    case "titled":
      return { ...state, title: action.title };
    case "alert":
      return { ...state, error: action.error };
    default:
      return replyReducer(state, action);
  }
}
