"use client";

import { useEffect } from "react";
import { selectVisibleMessages } from "./chat-messages";
import type { Conversation } from "./chat-types";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { takePendingMessage } from "./pending-message";
import { useChatStream } from "./use-chat-stream";

type ChatThreadProps = { conversation: Conversation };

export function ChatThread({ conversation }: ChatThreadProps) {
  const { messages, isStreaming, error, send, reattach, stop } = useChatStream(conversation.id, conversation.messages);
  const visibleMessages = selectVisibleMessages(messages);

  // On arrival: send the first message of a new chat (typed on "/"), or follow a reply still being generated.
  // A timer, so that React's development-mode double mount (effect, cleanup, effect) cancels the first attempt
  // instead of sending twice or not at all.
  useEffect(() => {
    const timer = setTimeout(() => {
      const pending = takePendingMessage(conversation.id);
      if (pending) void send(pending);
      else if (conversation.messages.at(-1)?.status === "STREAMING") void reattach();
    }, 0);
    return () => clearTimeout(timer);
  }, [conversation, send, reattach]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <h1 className="sr-only">{conversation.title}</h1>
      {visibleMessages.length === 0 ? (
        <div className="flex flex-1 items-center justify-center px-4">
          <p className="text-ink-muted">Send a message to start the conversation.</p>
        </div>
      ) : (
        <MessageList messages={visibleMessages} isStreaming={isStreaming} />
      )}
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        {error ? (
          <p role="alert" className="mb-2 rounded-xl border border-danger/30 bg-danger/5 px-4 py-2 text-danger text-sm">
            {error}
          </p>
        ) : null}
        <Composer onSend={send} onStop={stop} isStreaming={isStreaming} />
        <p className="mt-2 text-center text-ink-muted text-xs">
          Models can make mistakes. Check important information.
        </p>
      </div>
    </div>
  );
}
