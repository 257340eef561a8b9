"use client";

import { Markdown } from "@/app/_components/markdown";
import { useTranslator } from "@/app/_i18n/translator-provider";

// The first message of a new chat, shown the moment it is sent, while its conversation is made and its page loads.
export function FirstMessagePreview({ content }: { content: string }) {
  const { t } = useTranslator();
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* Where the conversation's header will be, so that nothing moves when it comes. */}
      <div className="border-line h-12 shrink-0 border-b" />
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div
          role="log"
          aria-label={t("thread.messages")}
          aria-busy="true"
          className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-8 pb-10"
        >
          <article aria-label={t("message.you")} className="flex flex-col items-end gap-1">
            <Markdown source={content} className="markdown-user bg-bubble max-w-[80%] rounded-3xl px-5 py-2.5" />
          </article>
          <p role="status" className="text-ink-muted text-sm">
            {t("newChat.sending")}
          </p>
        </div>
      </div>
    </div>
  );
}
