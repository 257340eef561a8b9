"use client";

import { useEffect, useState } from "react";
import { fetchConversation } from "./chat-requests";
import { ChatThread } from "./chat-thread";
import type { Conversation } from "./chat-types";
import { ConversationNotFound } from "./conversation-not-found";

type LoadState =
  | { kind: "loading" }
  | { kind: "ready"; conversation: Conversation }
  | { kind: "not-found" }
  | { kind: "failed"; message: string };

export function ChatView({ conversationId }: { conversationId: string }) {
  const [state, setState] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    let isCurrent = true;
    void loadConversation(conversationId).then((next) => {
      if (isCurrent) setState(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId]);

  if (state.kind === "loading") {
    return (
      <p role="status" className="m-auto text-ink-muted text-sm">
        Loading conversation…
      </p>
    );
  }
  if (state.kind === "not-found") return <ConversationNotFound />;
  if (state.kind === "failed") {
    return (
      <p role="alert" className="m-auto px-4 text-center text-danger">
        {state.message}
      </p>
    );
  }
  return <ChatThread conversation={state.conversation} />;
}

async function loadConversation(conversationId: string): Promise<LoadState> {
  const result = await fetchConversation(conversationId);
  if (result.isOk) return { kind: "ready", conversation: result.data };
  // A malformed id is reported as 400; to the user it is just as missing as an unknown one.
  if (result.status === 404 || result.status === 400) return { kind: "not-found" };
  return { kind: "failed", message: result.error.message };
}
