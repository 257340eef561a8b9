"use client";

import type { ContextManifest } from "@/app/_components/api/types";
import { useTranslator } from "@/app/_i18n/translator-provider";

type ContextNoticeProps = { context: ContextManifest | null };

// Tells the reader that the model did not see the whole conversation when this reply was written.
export function ContextNotice({ context }: ContextNoticeProps) {
  const { t } = useTranslator();
  if (!context || context.droppedMessages <= 0) return null;
  const dropped = context.droppedMessages;
  const tokens = (count: number) => t("context.tokens", { count });
  const messagesAndTokens = (messages: number, tokenCount: number) =>
    t("context.messagesAndTokens", {
      messages: t("context.messages", { count: messages }),
      tokens: tokens(tokenCount),
    });
  return (
    <details className="text-ink-muted mt-2 text-sm">
      <summary className="hover:text-ink w-fit cursor-pointer rounded-md">
        {t("context.notSentSummary", { count: dropped })}
      </summary>
      <p className="mt-1">{t("context.explanation")}</p>
      <dl className="mt-2 grid w-fit grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        <Figure term={t("context.sent")} value={messagesAndTokens(context.sentMessages, context.sentTokens)} />
        <Figure term={t("context.notSent")} value={messagesAndTokens(dropped, context.droppedTokens)} />
        <Figure term={t("context.budget")} value={tokens(context.budget)} />
        <Figure term={t("context.reservedForReply")} value={tokens(context.reservedForReply)} />
        <Figure term={t("context.contextWindow")} value={tokens(context.contextWindow)} />
        <Figure term={t("context.encoding")} value={context.encoding} />
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
