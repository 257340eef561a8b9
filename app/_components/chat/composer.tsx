"use client";

import { type FormEvent, type KeyboardEvent, type RefObject, useEffect, useRef } from "react";
import {
  AttachButton,
  AttachmentChips,
  FileDropTarget,
  SendStatus,
  useAttachmentDrafts,
  useBlockingFile,
  useSendAfterUploads,
} from "@/app/_components/attachments";
import {
  DraftTooLongAlert,
  isDraftTooLong,
  useAutoGrow,
  useFocusOnArrival,
} from "@/app/_components/chat/messages/message-draft";
import { ArrowUpIcon, StopIcon } from "@/app/_components/ui/icons";
import { useShortcut } from "@/app/_components/ui/keyboard-shortcuts";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { type ComposerDraft, type RefusedMessage, useComposerDraft } from "./composer-drafts";
import type { ReplyOutcome } from "./live/use-reply-runner";

export type { RefusedMessage } from "./composer-drafts";

type ComposerProps = {
  /** Whose unsent draft this is: a conversation's id, or NEW_CHAT_DRAFT (composer-drafts.tsx). */
  draftKey: string;
  // Only a refusal puts the text and files back for another try: an abandoned send may have been saved already.
  onSend: (content: string, attachments: AttachmentView[]) => Promise<ReplyOutcome>;
  onStop?: () => void;
  isStreaming?: boolean;
  isBusy?: boolean;
  // Put back into the composer, its text and its files, for another try.
  refused?: RefusedMessage | null;
  // False when the chosen model cannot read images: an attached image is refused on its chip and blocks sending.
  readsImages?: boolean;
  /** The message box, for a page that sends the focus there (after an edit is submitted). */
  messageBoxRef?: RefObject<HTMLTextAreaElement | null>;
};

const MAX_HEIGHT_PX = 200;

export function Composer({
  draftKey,
  onSend,
  onStop,
  isStreaming = false,
  isBusy = false,
  refused = null,
  readsImages = true,
  messageBoxRef,
}: ComposerProps) {
  const { t } = useTranslator();
  const { draft, state } = useComposerDraft(draftKey);
  const { text, isLeftWaiting } = state;
  const ownTextareaRef = useRef<HTMLTextAreaElement>(null);
  const textareaRef = messageBoxRef ?? ownTextareaRef;
  const files = useAttachmentDrafts(draft.files);
  const isTooLong = isDraftTooLong(text);
  const blockingFile = useBlockingFile(files, readsImages);
  const isSendable = text.trim() !== "" && !isTooLong && !isStreaming && !isBusy;
  const afterUploads = useSendAfterUploads(files.isUploading, () => void submit());
  useRememberWaitingSend(draft, afterUploads.isAsked);

  useComposerTextarea(textareaRef, text);
  usePutBackRefused(refused, draft);

  async function submit(): Promise<void> {
    if (!isSendable) return;
    draft.update({ isLeftWaiting: false });
    if (blockingFile.stopsSend()) return;
    if (files.isUploading) {
      afterUploads.askToSend();
      return;
    }
    const content = text;
    const attachments = files.take();
    draft.update({ text: "" });
    textareaRef.current?.focus();
    if ((await onSend(content, attachments)) !== "refused") return;
    draft.putBack({ content, attachments });
  }

  // Stop goes away with the reply it stops: the focus would fall to the page's <body>, not where the user goes on.
  function stop(): void {
    onStop?.();
    textareaRef.current?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    // Enter while an input method composes text confirms the composition; it must not send.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  }

  const notice = blockingFile.notice ?? (isLeftWaiting ? t("composer.notSentLeft") : null);
  return (
    <form onSubmit={handleSubmit} className="w-full">
      <FileDropTarget isShown={files.isDraggingFiles} />
      <AttachmentChips
        drafts={files.drafts}
        messageBoxRef={textareaRef}
        onRemove={files.remove}
        onRetry={files.retry}
        refusesImages={!readsImages}
        overTotal={files.overTotal}
      />
      <div className="border-line bg-canvas focus-within:border-ink-muted flex items-end gap-1 rounded-3xl border p-2 shadow-sm transition-colors">
        <AttachButton onFiles={files.add} />
        <textarea
          ref={textareaRef}
          value={text}
          // The draft changed: "Not sent: you left…" was about the message as it was.
          onChange={(event) => draft.update({ text: event.target.value, isLeftWaiting: false })}
          onKeyDown={handleKeyDown}
          onPaste={files.handlePaste}
          readOnly={afterUploads.isWaiting}
          aria-label={t("composer.label")}
          aria-invalid={isTooLong}
          aria-describedby={isTooLong ? "composer-error" : undefined}
          placeholder={t("composer.placeholder")}
          rows={1}
          className="placeholder:text-ink-muted max-h-[200px] min-h-10 flex-1 resize-none bg-transparent py-2 text-base leading-6 focus-visible:outline-none"
        />
        <SendOrStopButton
          isStreaming={isStreaming}
          canSend={isSendable && !blockingFile.isBlocked && !afterUploads.isAsked}
          onStop={stop}
        />
      </div>
      <SendStatus
        isWaiting={afterUploads.isWaiting}
        onCancel={afterUploads.cancel}
        notice={notice}
        className="mt-2 px-4"
      />
      <DraftTooLongAlert draft={text} id="composer-error" className="text-danger mt-2 px-4 text-sm" />
    </form>
  );
}

// Focused on arrival, the caret after a draft's text; grows with it; reached with the shortcut from anywhere.
function useComposerTextarea(textareaRef: RefObject<HTMLTextAreaElement | null>, text: string): void {
  useFocusOnArrival(textareaRef);
  useAutoGrow(textareaRef, text, MAX_HEIGHT_PX);
  useShortcut("focus-composer", () => textareaRef.current?.focus());
}

// A message sent from elsewhere (the first message of a new chat) that the server refused.
function usePutBackRefused(refused: RefusedMessage | null, draft: ComposerDraft): void {
  useEffect(() => {
    if (refused) draft.putBackOnce(refused);
  }, [refused, draft]);
}

/**
 * A send waiting for its uploads is kept with the draft: a composer that finds one when it first shows was left
 * (for another conversation, or by a reload) before the message went, and says so instead of sending it unseen.
 */
function useRememberWaitingSend(draft: ComposerDraft, isAsked: boolean): void {
  useEffect(() => draft.settleLeftSend(), [draft]);
  useEffect(() => draft.update({ isSendAsked: isAsked }), [draft, isAsked]);
}

function SendOrStopButton({
  isStreaming,
  canSend,
  onStop,
}: {
  isStreaming: boolean;
  canSend: boolean;
  onStop: () => void;
}) {
  const { t } = useTranslator();
  const className = "bg-ink text-canvas flex size-9 shrink-0 items-center justify-center rounded-full hover:opacity-80";
  if (isStreaming) {
    return (
      <button type="button" onClick={onStop} aria-label={t("composer.stop")} className={className}>
        <StopIcon />
      </button>
    );
  }
  return (
    <button
      type="submit"
      disabled={!canSend}
      aria-label={t("composer.send")}
      className={`${className} disabled:opacity-25`}
    >
      <ArrowUpIcon />
    </button>
  );
}
