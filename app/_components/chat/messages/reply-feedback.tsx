"use client";

// The reader's own verdicts on a conversation's replies (Good, Bad, with optional words for the admins): loaded once
// for the thread, kept here, and given or withdrawn by each reply's buttons.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { fetchOwnFeedback, type ReplyRating, sendFeedback } from "@/app/_components/chat/chat-requests";

type Verdict = { rating: ReplyRating; comment: string | null };
type ReplyFeedback = {
  verdicts: ReadonlyMap<string, Verdict>;
  judge: (messageId: string, rating: ReplyRating | null, comment?: string) => ReturnType<typeof sendFeedback>;
};

const ReplyFeedbackContext = createContext<ReplyFeedback | null>(null);

export function ReplyFeedbackProvider({ conversationId, children }: { conversationId: string; children: ReactNode }) {
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, Verdict>>(() => new Map());
  useEffect(() => {
    let isCurrent = true;
    void fetchOwnFeedback(conversationId).then((result) => {
      if (!isCurrent || !result.isOk) return;
      setVerdicts(new Map(result.data.feedback.map(({ messageId, ...verdict }) => [messageId, verdict])));
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId]);
  const judge = useCallback<ReplyFeedback["judge"]>(
    async (messageId, rating, comment) => {
      const result = await sendFeedback(conversationId, messageId, rating, comment);
      if (result.isOk) {
        setVerdicts((current) => {
          const next = new Map(current);
          if (result.data) next.set(messageId, { rating: result.data.rating, comment: result.data.comment });
          else next.delete(messageId);
          return next;
        });
      }
      return result;
    },
    [conversationId],
  );
  const value = useMemo(() => ({ verdicts, judge }), [verdicts, judge]);
  return <ReplyFeedbackContext.Provider value={value}>{children}</ReplyFeedbackContext.Provider>;
}

/** Null outside a thread that takes verdicts. */
export function useReplyFeedback(): ReplyFeedback | null {
  return useContext(ReplyFeedbackContext);
}
