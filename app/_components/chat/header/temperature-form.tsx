"use client";

import { type FormEvent, useId, useState } from "react";
import type { ChatModel, ConversationDetails } from "@/app/_components/api/types";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { patchConversation } from "@/app/_components/chat/chat-requests";
import { Button } from "@/app/_components/ui/button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ParameterFigures } from "./parameter-figures";

type TemperatureFormProps = {
  details: ConversationDetails;
  model: ChatModel;
  onSaved: (details: ConversationDetails) => void;
  onCancel: () => void;
};

const STEP = 0.05;

export function TemperatureForm({ details, model, onSaved, onCancel }: TemperatureFormProps) {
  const { t } = useTranslator();
  const bounds = model.parameters.temperature;
  const [value, setValue] = useState(String(details.temperature ?? bounds.default));
  const { send, error, isPending: isSaving, showError, formProps } = useFormOutcome({ refreshesPage: false });
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const parsed = value.trim() === "" ? Number.NaN : Number(value);

  async function save(temperature: number | null): Promise<void> {
    const saved = await send(() => patchConversation(details.id, { temperature }));
    if (saved) onSaved(saved);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!Number.isFinite(parsed) || parsed < bounds.min || parsed > bounds.max) {
      showError(t("parameters.temperatureOutOfRange", { min: bounds.min, max: bounds.max }));
      return;
    }
    void save(parsed);
  }

  return (
    // Checked here rather than by the browser, so that the message is ours and is announced.
    <form onSubmit={handleSubmit} {...formProps} noValidate className="mt-4 flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-sm font-medium">
          {t("parameters.temperature")}
        </label>
        <div className="flex items-center gap-3">
          {/* A pointer shortcut for the number field, which carries the name and the keyboard. */}
          <input
            type="range"
            aria-hidden="true"
            tabIndex={-1}
            min={bounds.min}
            max={bounds.max}
            step={STEP}
            value={Number.isFinite(parsed) ? parsed : bounds.default}
            onChange={(event) => setValue(event.target.value)}
            className="accent-ink flex-1"
          />
          <input
            id={inputId}
            type="number"
            inputMode="decimal"
            min={bounds.min}
            max={bounds.max}
            step={STEP}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            className="border-line bg-canvas w-20 rounded-md border px-2 py-1.5 text-sm tabular-nums"
          />
        </div>
        <p id={hintId} className="text-ink-muted text-xs">
          {t("parameters.temperatureHint", { min: bounds.min, max: bounds.max, default: bounds.default })}
        </p>
        {error ? (
          <p id={errorId} role="alert" className="text-danger text-sm">
            {error}
          </p>
        ) : null}
      </div>
      <ParameterFigures details={details} model={model} isTemperatureShown={false} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" isPending={isSaving} onClick={() => void save(null)} className="mr-auto">
          {t("parameters.useModelDefault")}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button variant="primarySmall" type="submit" isPending={isSaving}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}
