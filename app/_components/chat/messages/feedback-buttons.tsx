"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ChatMessage } from "@/app/_components/api/types";
import type { ReplyRating } from "@/app/_components/chat/chat-requests";
import { ThumbDownIcon, ThumbUpIcon } from "@/app/_components/ui/icons";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_FEEDBACK_COMMENT_LENGTH } from "@/lib/limits";
import { MESSAGE_ACTION_BUTTON } from "./message-actions";
import { useReplyFeedback } from "./reply-feedback";

// A pressed verdict shows a filled thumb.
const PRESSED = "aria-pressed:text-ink aria-pressed:[&_svg]:fill-current";

/**
 * Good and Bad for a reply, each pressed again to withdraw it. Bad opens a field for words to the admins (optional),
 * under the reply's buttons: the row wraps, and the field takes a line of its own.
 */
export function FeedbackButtons({ message }: { message: ChatMessage }) {
  const translator = useTranslator();
  const { t } = translator;
  const feedback = useReplyFeedback();
  const [isAskingWhy, setIsAskingWhy] = useState(false);
  // One verdict on its way at a time: a second press would be computed from the verdict before the first's answer.
  // A ref, not a disabled button: disabling the focused button would drop the keyboard's focus to the page.
  const isSavingRef = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const badRef = useRef<HTMLButtonElement>(null);
  if (!feedback) return null;
  const rating = feedback.verdicts.get(message.id)?.rating ?? null;

  async function judge(next: ReplyRating | null, comment?: string): Promise<boolean> {
    if (isSavingRef.current) return false;
    setError(null);
    isSavingRef.current = true;
    const result = await feedback?.judge(message.id, next, comment);
    isSavingRef.current = false;
    if (result && !result.isOk) setError(describeError(result.error, translator));
    return result?.isOk ?? false;
  }
  // A press sends no words: words belong to the verdict they were written for, which a new press replaces.
  async function press(pressed: ReplyRating) {
    const next = rating === pressed ? null : pressed;
    if (await judge(next)) setIsAskingWhy(next === "bad");
  }
  // The field goes with its buttons: the keyboard goes back to the Bad button it came from.
  function closeWhy() {
    setIsAskingWhy(false);
    badRef.current?.focus();
  }

  return (
    <>
      <button
        type="button"
        aria-label={t("feedback.good")}
        aria-pressed={rating === "good"}
        onClick={() => void press("good")}
        className={`${MESSAGE_ACTION_BUTTON} ${PRESSED}`}
      >
        <ThumbUpIcon width={16} height={16} />
      </button>
      <button
        type="button"
        aria-label={t("feedback.bad")}
        ref={badRef}
        aria-pressed={rating === "bad"}
        onClick={() => void press("bad")}
        className={`${MESSAGE_ACTION_BUTTON} ${PRESSED}`}
      >
        <ThumbDownIcon width={16} height={16} />
      </button>
      <InlineAlert message={error} className="basis-full" />
      {isAskingWhy ? (
        <WhyForm
          onSend={async (comment) => {
            if (await judge("bad", comment)) closeWhy();
          }}
          onClose={closeWhy}
        />
      ) : null}
    </>
  );
}

type WhyFormProps = { onSend: (comment: string) => Promise<void>; onClose: () => void };

function WhyForm({ onSend, onClose }: WhyFormProps) {
  const { t } = useTranslator();
  const fieldId = useId();
  const [comment, setComment] = useState("");
  const [isSending, setIsSending] = useState(false);
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSending(true);
    await onSend(comment);
    setIsSending(false);
  }
  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="mt-1 flex basis-full flex-col gap-2">
      <label htmlFor={fieldId} className="text-sm font-medium">
        {t("feedback.why")}
      </label>
      <textarea
        id={fieldId}
        value={comment}
        maxLength={MAX_FEEDBACK_COMMENT_LENGTH}
        rows={2}
        // biome-ignore lint/a11y/noAutofocus: the field opens because the reader just asked to say what was wrong.
        autoFocus
        onChange={(event) => setComment(event.target.value)}
        aria-describedby={`${fieldId}-hint`}
        className="border-line bg-canvas w-full max-w-xl rounded-lg border px-3 py-2 text-sm"
      />
      <p id={`${fieldId}-hint`} className="text-ink-muted text-xs">
        {t("feedback.whyHint")}
      </p>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={isSending || comment.trim() === ""}
          className="bg-ink text-canvas rounded-full px-3 py-1 text-sm font-medium disabled:opacity-40"
        >
          {t("feedback.send")}
        </button>
        <button type="button" onClick={onClose} className="border-line rounded-full border px-3 py-1 text-sm">
          {t("feedback.close")}
        </button>
      </div>
    </form>
  );
}
