import { memo } from "react";
import type { ChatMessage } from "./chat-types";
import { REPLY_FAILED_MESSAGE } from "./consume-reply";

type MessageItemProps = { message: ChatMessage };

// Memoised: while a reply streams only the last message changes, so earlier ones skip re-rendering.
export const MessageItem = memo(function MessageItem({ message }: MessageItemProps) {
  return message.role === "USER" ? <UserMessage message={message} /> : <AssistantMessage message={message} />;
});

function UserMessage({ message }: MessageItemProps) {
  return (
    <article aria-label="You" className="flex justify-end">
      <p className="max-w-[80%] whitespace-pre-wrap break-words rounded-3xl bg-bubble px-5 py-2.5 leading-7">
        {message.content}
      </p>
    </article>
  );
}

function AssistantMessage({ message }: MessageItemProps) {
  const isStreaming = message.status === "STREAMING";
  return (
    <article aria-label="Assistant" aria-busy={isStreaming} className="w-full">
      {message.content !== "" ? <p className="whitespace-pre-wrap break-words leading-7">{message.content}</p> : null}
      {isStreaming ? <TypingIndicator /> : null}
      {message.status === "INTERRUPTED" ? (
        <span className="mt-2 inline-block rounded-full border border-line px-2.5 py-0.5 text-ink-muted text-xs">
          Stopped
        </span>
      ) : null}
      {message.status === "ERROR" ? (
        <p role="alert" className="mt-2 rounded-xl border border-danger/30 bg-danger/5 px-3 py-2 text-danger text-sm">
          {message.errorMessage ?? REPLY_FAILED_MESSAGE}
        </p>
      ) : null}
    </article>
  );
}

function TypingIndicator() {
  return (
    <span className="mt-2 flex h-6 items-center gap-1" aria-hidden="true">
      <span className="typing-dot size-1.5 rounded-full bg-ink-muted" />
      <span className="typing-dot size-1.5 rounded-full bg-ink-muted [animation-delay:150ms]" />
      <span className="typing-dot size-1.5 rounded-full bg-ink-muted [animation-delay:300ms]" />
    </span>
  );
}
