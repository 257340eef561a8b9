import type { ContextManifest } from "./chat-types";

type ContextNoticeProps = { context: ContextManifest | null };

const formatNumber = (value: number) => value.toLocaleString("en");
const countMessages = (count: number) => (count === 1 ? "1 message" : `${formatNumber(count)} messages`);

// Tells the reader that the model did not see the whole conversation when this reply was written.
export function ContextNotice({ context }: ContextNoticeProps) {
  if (!context || context.droppedMessages <= 0) return null;
  const dropped = context.droppedMessages;
  const summary =
    dropped === 1 ? "1 earlier message was not sent" : `${formatNumber(dropped)} earlier messages were not sent`;
  return (
    <details className="mt-2 text-ink-muted text-sm">
      <summary className="w-fit cursor-pointer rounded-md hover:text-ink">{summary}</summary>
      <p className="mt-1">The oldest messages did not fit in the model's context window.</p>
      <dl className="mt-2 grid w-fit grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        <Figure
          term="Sent"
          value={`${countMessages(context.sentMessages)}, ${formatNumber(context.sentTokens)} tokens`}
        />
        <Figure term="Not sent" value={`${countMessages(dropped)}, ${formatNumber(context.droppedTokens)} tokens`} />
        <Figure term="Budget" value={`${formatNumber(context.budget)} tokens`} />
        <Figure term="Reserved for the reply" value={`${formatNumber(context.reservedForReply)} tokens`} />
        <Figure term="Context window" value={`${formatNumber(context.contextWindow)} tokens`} />
        <Figure term="Encoding" value={context.encoding} />
      </dl>
    </details>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className="text-ink tabular-nums">{value}</dd>
    </>
  );
}
