"use client";

import { useEffect, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { Conversation } from "@/app/_components/api/types";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { fetchConversation } from "./chat-requests";
import { ChatThread } from "./chat-thread";
import { ConversationNotFound } from "./conversation-not-found";
import { FirstMessagePreview } from "./first-message-preview";
import { peekFirstTurn } from "./first-turn";

type LoadState =
  | { kind: "loading" }
  | { kind: "ready"; conversation: Conversation }
  | { kind: "not-found" }
  | { kind: "failed"; message: string };

export function ChatView({ conversationId }: { conversationId: string }) {
  const translator = useTranslator();
  const [state, setState] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    let isCurrent = true;
    void loadConversation(conversationId, translator).then((next) => {
      if (isCurrent) setState(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, translator]);

  if (state.kind === "loading") {
    // The first message of a new chat stays in view while its conversation loads.
    const firstTurn = peekFirstTurn(conversationId);
    if (firstTurn) return <FirstMessagePreview content={firstTurn.content} />;
    return (
      <p role="status" className="text-ink-muted m-auto text-sm">
        {translator.t("chat.loading")}
      </p>
    );
  }
  if (state.kind === "not-found") return <ConversationNotFound />;
  if (state.kind === "failed") {
    return (
      <p role="alert" className="text-danger m-auto px-4 text-center">
        {state.message}
      </p>
    );
  }
  return <ChatThread conversation={state.conversation} />;
}

async function loadConversation(conversationId: string, translator: Translator): Promise<LoadState> {
  const result = await fetchConversation(conversationId);
  if (result.isOk) return { kind: "ready", conversation: result.data };
  // A malformed id is reported as 400; to the user it is just as missing as an unknown one.
  if (result.status === 404 || result.status === 400) return { kind: "not-found" };
  return { kind: "failed", message: describeError(result.error, translator) };
}
