import { MessageAttachments } from "@/app/_components/attachments";
import { Markdown, ThinkingBlock } from "@/app/_components/markdown";
import { ImportedBadge } from "@/app/_components/ui/imported-badge";
import { getTranslator } from "@/app/_i18n/server";
import type { SharedMessage } from "@/lib/share-links/shared-snapshot";

// One message of a shared snapshot, rendered like the chat (the same sanitized Markdown), without any action.
export async function SharedMessageView({ message, token }: { message: SharedMessage; token: string }) {
  const { t } = await getTranslator();
  if (message.role === "USER") {
    const included = message.attachments.filter((attachment) => attachment.isIncluded);
    const namesOnly = message.attachments.filter((attachment) => !attachment.isIncluded);
    return (
      <article aria-label={t("share.page.user")} className="flex flex-col items-end gap-1">
        <MessageAttachments attachments={included} baseUrl={`/api/share/${encodeURIComponent(token)}/attachments/`} />
        {namesOnly.length > 0 ? (
          <p className="text-ink-muted max-w-[80%] text-right text-sm">
            {t("attachments.notShared", { names: namesOnly.map((attachment) => attachment.name).join(", ") })}
          </p>
        ) : null}
        <Markdown source={message.content} className="markdown-user bg-bubble max-w-[80%] rounded-3xl px-5 py-2.5" />
      </article>
    );
  }
  return (
    <article aria-label={t("message.assistant")} className="w-full">
      {message.imported ? <ImportedBadge label={t("message.imported")} hint={t("message.importedHint")} /> : null}
      {message.reasoning ? <ThinkingBlock label={t("thinking.thought")} source={message.reasoning} /> : null}
      <Markdown source={message.content} />
    </article>
  );
}
