import type { ChatMessage } from "@/app/_components/api/types";
import { isSaved } from "@/app/_components/chat/chat-messages";
import { ContextNotice } from "@/app/_components/chat/context-notice";
import { Markdown } from "@/app/_components/markdown";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { LinkIcon, RegenerateIcon } from "@/app/_components/ui/icons";
import { ImportedBadge } from "@/app/_components/ui/imported-badge";
import { isMessageKey } from "@/app/_i18n/messages-en";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { SERVER_STOPPED_FINISH } from "@/lib/live/messages";
import { CopyToMyChatsButton } from "./copy-to-my-chats-button";
import { FeedbackButtons } from "./feedback-buttons";
import { MESSAGE_ACTION_BUTTON, type MessageItemProps } from "./message-actions";
import { ReplyThinking } from "./reply-thinking";
import { ReplyUsageButton } from "./reply-usage-button";
import { VersionSwitcher } from "./version-switcher";

export function AssistantMessage({ message, isBusy, actions, canWrite, isNewest }: MessageItemProps) {
  const translator = useTranslator();
  const { t } = translator;
  const { shareUpTo } = actions;
  const isStreaming = message.status === "STREAMING";
  // A reply that did not finish asks for another try in words, not just with an icon.
  const isUnfinished = message.status === "ERROR" || message.status === "INTERRUPTED";
  // The model's output limit ended it mid-way (finish_reason "length"): said, and the newest may be continued.
  const isCutByLimit = message.status === "COMPLETE" && message.finishReason === LENGTH_FINISH;
  return (
    <article aria-label={t("message.assistant")} aria-busy={isStreaming} className="w-full">
      {message.imported ? <ImportedBadge label={t("message.imported")} hint={t("message.importedHint")} /> : null}
      <ReplyThinking message={message} />
      {message.content !== "" ? <Markdown source={message.content} /> : null}
      {isStreaming ? <TypingIndicator /> : null}
      {message.status === "INTERRUPTED" ? (
        <span className="border-line text-ink-muted mt-2 inline-block rounded-full border px-2.5 py-0.5 text-xs">
          {t(message.finishReason === SERVER_STOPPED_FINISH ? "message.serverStopped" : "message.stopped")}
        </span>
      ) : null}
      {isCutByLimit ? (
        <p className="text-ink-muted mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span className="border-line rounded-full border px-2.5 py-0.5 text-xs">{t("message.cutByLimit")}</span>
          {isNewest && canWrite ? (
            <button type="button" disabled={isBusy} onClick={actions.continueReply} className={PROMINENT_BUTTON}>
              {t("message.continue")}
            </button>
          ) : null}
        </p>
      ) : null}
      {message.status === "ERROR" ? (
        <p role="alert" className="border-danger/30 bg-danger/5 text-danger mt-2 rounded-xl border px-3 py-2 text-sm">
          {describeReplyError(message, translator)}
        </p>
      ) : null}
      <ContextNotice context={message.context} />
      <div className="mt-2 flex flex-wrap items-center gap-1">
        <VersionSwitcher
          message={message}
          isDisabled={isBusy}
          canSwitch={canWrite}
          onShowVersion={actions.showVersion}
        />
        {isStreaming ? null : (
          <>
            {message.content !== "" ? <CopyButton text={message.content} className={MESSAGE_ACTION_BUTTON} /> : null}
            <CopyToMyChatsButton message={message} actions={actions} />
            {canWrite ? (
              <button
                type="button"
                aria-label={t("message.regenerate")}
                disabled={isBusy || !isSaved(message)}
                onClick={() => void actions.regenerate(message)}
                className={isUnfinished ? PROMINENT_BUTTON : MESSAGE_ACTION_BUTTON}
              >
                <RegenerateIcon width={16} height={16} />
                {isUnfinished ? t("message.regenerate") : null}
              </button>
            ) : null}
            {message.usage ? <ReplyUsageButton usage={message.usage} /> : null}
            {shareUpTo ? (
              <button
                type="button"
                aria-label={t("message.shareUpToHere")}
                disabled={!isSaved(message)}
                onClick={() => shareUpTo(message)}
                className={MESSAGE_ACTION_BUTTON}
              >
                <LinkIcon width={16} height={16} />
              </button>
            ) : null}
            {/* Last: the field that Bad opens takes the line under the buttons. */}
            {/* Judged: replies written here (an imported one's model is unknown) that did not fail. */}
            {isSaved(message) && message.status !== "ERROR" && !message.imported ? (
              <FeedbackButtons message={message} />
            ) : null}
          </>
        )}
      </div>
    </article>
  );
}

// The reason a reply failed comes from the server, in English; another language gets the sentence for its code.
// A live English message carries an admin's cause already; otherwise the cause (admins only) follows the text.
function describeReplyError({ errorCode, errorMessage, errorCause }: ChatMessage, { locale, t }: Translator): string {
  if (locale === "en" && errorMessage) return errorMessage;
  const key = `errors.${errorCode}`;
  const generic = locale !== "en" && isMessageKey(key) ? t(key) : t("message.replyFailed");
  const causeKey = `replyCause.${errorCause?.category}`;
  if (!errorCause || !isMessageKey(causeKey)) return generic;
  return `${generic} ${t(causeKey)}${errorCause.status === null ? "" : ` (HTTP ${errorCause.status})`}`;
}

// OpenAI's finish_reason for a reply cut by max_tokens (or max_completion_tokens).
const LENGTH_FINISH = "length";

const PROMINENT_BUTTON =
  "flex h-8 items-center gap-1.5 rounded-full border border-line px-3 font-medium text-sm hover:bg-hover disabled:opacity-40";

function TypingIndicator() {
  return (
    <span className="mt-2 flex h-6 items-center gap-1" aria-hidden="true">
      <span className="typing-dot bg-ink-muted size-1.5 rounded-full" />
      <span className="typing-dot bg-ink-muted size-1.5 rounded-full [animation-delay:150ms]" />
      <span className="typing-dot bg-ink-muted size-1.5 rounded-full [animation-delay:300ms]" />
    </span>
  );
}
