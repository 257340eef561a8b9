import type { ChatModel, ConversationDetails } from "./chat-types";

type ParameterFiguresProps = { details: ConversationDetails; model: ChatModel; isTemperatureShown: boolean };

// The parameters a reply in this conversation is generated with: the conversation's own, else the model's.
export function ParameterFigures({ details, model, isTemperatureShown }: ParameterFiguresProps) {
  const { parameters } = model;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-ink-muted">Model</dt>
      <dd>{model.label}</dd>
      {isTemperatureShown ? (
        <>
          <dt className="text-ink-muted">Temperature</dt>
          <dd className="tabular-nums">{details.temperature ?? parameters.temperature.default}</dd>
        </>
      ) : null}
      <dt className="text-ink-muted">Top P</dt>
      <dd className="tabular-nums">{details.topP ?? parameters.topP}</dd>
      <dt className="text-ink-muted">Max output tokens</dt>
      <dd className="tabular-nums">{(details.maxTokens ?? parameters.maxOutputTokens).toLocaleString("en")}</dd>
    </dl>
  );
}
