"use client";

import type { ChatModel, ConversationDetails } from "@/app/_components/api/types";
import { useTranslator } from "@/app/_i18n/translator-provider";

type ParameterFiguresProps = { details: ConversationDetails; model: ChatModel; isTemperatureShown: boolean };

// The parameters a reply in this conversation is generated with: the conversation's own, else the model's.
export function ParameterFigures({ details, model, isTemperatureShown }: ParameterFiguresProps) {
  const { t, formatNumber } = useTranslator();
  const { parameters } = model;
  // Models that take no temperature or top_p (OpenAI's reasoning models) decide them themselves.
  const fixed = parameters.takesTemperature ? null : t("parameters.fixedByModel");
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-ink-muted">{t("parameters.model")}</dt>
      <dd>{model.label}</dd>
      {isTemperatureShown ? (
        <>
          <dt className="text-ink-muted">{t("parameters.temperature")}</dt>
          <dd className="tabular-nums">{fixed ?? details.temperature ?? parameters.temperature.default}</dd>
        </>
      ) : null}
      <dt className="text-ink-muted">{t("parameters.topP")}</dt>
      <dd className="tabular-nums">{fixed ?? details.topP ?? parameters.topP}</dd>
      <dt className="text-ink-muted">{t("parameters.maxOutputTokens")}</dt>
      <dd className="tabular-nums">{formatNumber(details.maxTokens ?? parameters.maxOutputTokens)}</dd>
    </dl>
  );
}
