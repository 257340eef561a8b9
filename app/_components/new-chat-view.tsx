"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { describeError, requestJson } from "./api-client";
import { Composer } from "./composer";
import { notifyConversationsChanged } from "./conversation-events";
import { ModelPicker, useModels } from "./model-picker";
import { storePendingMessage } from "./pending-message";

const createdConversationSchema = z.object({ id: z.string() });

export function NewChatView() {
  const translator = useTranslator();
  const router = useRouter();
  const [isCreating, setIsCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { models } = useModels();
  const [chosenModelId, setChosenModelId] = useState<string | null>(null);
  // The default model (listed first) until the user picks another.
  const modelId = chosenModelId ?? models[0]?.id ?? null;

  async function startConversation(content: string): Promise<boolean> {
    setIsCreating(true);
    setError(null);
    const result = await requestJson("/api/conversations", createdConversationSchema, {
      method: "POST",
      body: JSON.stringify(modelId ? { modelId } : {}),
    });
    if (!result.isOk) {
      setIsCreating(false);
      setError(describeError(result.error, translator));
      return false;
    }
    storePendingMessage(result.data.id, content);
    notifyConversationsChanged();
    router.push(`/c/${result.data.id}`);
    return true;
  }

  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-8 px-4 pb-[12vh]">
      <h1 className="text-center font-semibold text-3xl tracking-tight">{translator.t("newChat.heading")}</h1>
      <div className="flex w-full max-w-3xl flex-col gap-2">
        {models.length > 0 ? (
          <div className="self-start">
            <ModelPicker models={models} value={modelId} onChange={setChosenModelId} isDisabled={isCreating} />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="mb-2 rounded-xl border border-danger/30 bg-danger/5 px-4 py-2 text-danger text-sm">
            {error}
          </p>
        ) : null}
        <Composer onSend={startConversation} isBusy={isCreating} />
      </div>
    </div>
  );
}
