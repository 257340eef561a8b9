"use client";

import { useEffect, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ChatModel } from "@/app/_components/api/types";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { fetchModels } from "./chat-requests";

type ModelsState = { models: ChatModel[]; error: string | null };

/** The models the user may chat with, default first (the server's order). */
export function useModels(conversationId?: string): ModelsState {
  const translator = useTranslator();
  const [state, setState] = useState<ModelsState>({ models: [], error: null });
  useEffect(() => {
    let isCurrent = true;
    void fetchModels(conversationId).then((result) => {
      if (!isCurrent) return;
      setState(
        result.isOk
          ? { models: result.data.items, error: null }
          : { models: [], error: describeError(result.error, translator) },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [conversationId, translator]);
  return state;
}

/** Whether the model reads images; true while the list loads or for a model no longer listed (the server decides). */
export function readsImages(models: ChatModel[], modelId: string | null): boolean {
  return models.find((model) => model.id === modelId)?.readsImages ?? true;
}

type ModelPickerProps = {
  models: ChatModel[];
  value: string | null;
  onChange: (modelId: string) => void;
  isDisabled?: boolean;
};

export function ModelPicker({ models, value, onChange, isDisabled }: ModelPickerProps) {
  const { t } = useTranslator();
  // A conversation's model that an admin disabled is no longer listed: it stays shown, and cannot be picked again.
  const isUnavailable = value !== null && models.length > 0 && !models.some((model) => model.id === value);
  return (
    <select
      aria-label={t("model.label")}
      value={value ?? ""}
      disabled={isDisabled || models.length === 0}
      onChange={(event) => onChange(event.target.value)}
      className="border-line bg-canvas hover:bg-hover max-w-32 truncate rounded-lg border px-2 py-1.5 text-sm disabled:opacity-60 sm:max-w-48"
    >
      {isUnavailable || value === null ? (
        <option value={value ?? ""} disabled>
          {value === null ? t("model.choose") : t("model.unavailable")}
        </option>
      ) : null}
      {models.map((model) => (
        <option key={model.id} value={model.id}>
          {model.label}
        </option>
      ))}
    </select>
  );
}
