"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { useTextLimit } from "@/app/_components/ui/use-limited-text";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_SYSTEM_PROMPT_LENGTH } from "@/lib/limits";
import type { AttachmentView } from "@/lib/live/messages";
import { Composer } from "./composer";
import { NEW_CHAT_DRAFT, useComposerDraft } from "./composer-drafts";
import { FirstMessagePreview } from "./first-message-preview";
import { sendFirstMessage } from "./first-turn";
import type { ReplyOutcome } from "./live/use-reply-runner";
import { ModelPicker, readsImages, useModels } from "./model-picker";
import { NewChatPrompt } from "./new-chat-prompt";

const createdConversationSchema = z.object({ id: z.string() });

export function NewChatView() {
  const translator = useTranslator();
  const router = useRouter();
  const [sentContent, setSentContent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { models } = useModels();
  const [chosenModelId, setChosenModelId] = useState<string | null>(null);
  // Kept with the new chat's draft, so that it lasts as its message does: through a reload, until it is sent.
  const { draft, state } = useComposerDraft(NEW_CHAT_DRAFT);
  const systemPrompt = useTextLimit(
    state.systemPrompt,
    (text) => draft.update({ systemPrompt: text }),
    MAX_SYSTEM_PROMPT_LENGTH,
  );
  // The default model (listed first) until the user picks another.
  const modelId = chosenModelId ?? models[0]?.id ?? null;
  // Whether this page is still shown: a user who went elsewhere meanwhile is not pulled back to the new chat.
  const isShownRef = useRef(true);
  useEffect(() => {
    isShownRef.current = true;
    return () => {
      isShownRef.current = false;
    };
  }, []);

  // The message shows at once and is sent as soon as the conversation exists, before the page moves to it.
  async function startConversation(content: string, attachments: AttachmentView[]): Promise<ReplyOutcome> {
    if (systemPrompt.tooLong) {
      setError(translator.t("conversationSettings.systemPromptTooLong", systemPrompt.tooLong));
      return "refused";
    }
    setSentContent(content);
    setError(null);
    const result = await requestJson("/api/conversations", createdConversationSchema, {
      method: "POST",
      body: JSON.stringify({ modelId: modelId ?? undefined, systemPrompt: systemPrompt.text.trim() || undefined }),
    });
    if (!result.isOk) {
      setSentContent(null);
      setError(describeError(result.error, translator));
      return "refused";
    }
    draft.update({ systemPrompt: "" });
    const turn = sendFirstMessage(result.data.id, content, attachments);
    // The list shows the new conversation once the server has its first message (and the title made from it).
    void turn.response.then(notifyConversationsChanged, () => undefined);
    if (isShownRef.current) router.push(`/c/${result.data.id}`);
    return "accepted";
  }

  const isSending = sentContent !== null;
  // One tree for both states, so that the composer keeps its text when the server refuses to start the chat.
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {isSending ? (
        <FirstMessagePreview content={sentContent} />
      ) : (
        <div className="flex flex-1 flex-col items-center justify-end px-4 pb-8">
          <h1 className="text-center text-3xl font-semibold tracking-tight">{translator.t("newChat.heading")}</h1>
        </div>
      )}
      <div className={`mx-auto flex w-full max-w-3xl flex-col gap-2 px-4 ${isSending ? "pb-4" : ""}`}>
        {models.length > 0 && !isSending ? (
          <div className="flex flex-wrap items-center gap-2">
            <ModelPicker models={models} value={modelId} onChange={setChosenModelId} />
            <NewChatPrompt prompt={systemPrompt} />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="border-danger/30 bg-danger/5 text-danger mb-2 rounded-xl border px-4 py-2 text-sm">
            {error}
          </p>
        ) : null}
        <Composer
          draftKey={NEW_CHAT_DRAFT}
          onSend={startConversation}
          isBusy={isSending}
          readsImages={readsImages(models, modelId)}
        />
      </div>
      {isSending ? null : <div className="flex-1 pb-[12vh]" />}
    </div>
  );
}
