"use client";

import { useState } from "react";
import type { AdminModel, AdminProvider } from "./admin-types";
import { ModelForm } from "./model-form";
import { ActionButton } from "./provider-card";
import { useAdminAction } from "./use-admin-action";

type ModelCardProps = { model: AdminModel; providers: AdminProvider[] };

export function ModelCard({ model, providers }: ModelCardProps) {
  const [isEditing, setIsEditing] = useState(false);
  const action = useAdminAction();
  const modelUrl = `/api/admin/models/${model.id}`;
  const temperature = model.allowUserParameters
    ? `temperature ${model.temperature} (users: ${model.minTemperature}–${model.maxTemperature})`
    : `temperature ${model.temperature} (fixed)`;

  async function remove(): Promise<void> {
    if (!window.confirm(`Delete ${model.label}? Conversations on it stay readable and can move to another model.`)) {
      return;
    }
    await action.run({ url: modelUrl, method: "DELETE" });
  }

  return (
    <li className="rounded-2xl border border-line bg-canvas p-5" aria-label={model.label}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="flex flex-wrap items-center gap-2 font-medium">
            {model.label}
            {model.isDefault ? <Badge>Default</Badge> : null}
            {model.enabled ? null : <Badge>Disabled</Badge>}
          </h3>
          <p className="text-ink-muted text-sm">
            {model.upstreamName} on {model.providerName} · version {model.version}
          </p>
          <p className="text-ink-muted text-sm">
            {model.contextWindow.toLocaleString("en")} tokens context · {model.maxOutputTokens.toLocaleString("en")}{" "}
            output · {temperature} · top_p {model.topP}
            {model.systemPrompt ? " · system prompt" : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <ActionButton onClick={() => setIsEditing((value) => !value)}>Edit</ActionButton>
          {model.isDefault ? null : (
            <>
              <ActionButton
                onClick={() => void action.run({ url: modelUrl, method: "PATCH", body: { enabled: !model.enabled } })}
                disabled={action.isPending}
              >
                {model.enabled ? "Disable" : "Enable"}
              </ActionButton>
              {model.enabled ? (
                <ActionButton
                  onClick={() => void action.run({ url: modelUrl, method: "PATCH", body: { isDefault: true } })}
                  disabled={action.isPending}
                >
                  Make default
                </ActionButton>
              ) : null}
              <ActionButton onClick={() => void remove()} disabled={action.isPending} isDanger>
                Delete
              </ActionButton>
            </>
          )}
        </div>
      </div>
      {action.error ? (
        <p role="alert" className="mt-3 text-danger text-sm">
          {action.error}
        </p>
      ) : null}
      {isEditing ? (
        <div className="mt-4 border-line border-t pt-4">
          <ModelForm providers={providers} model={model} onDone={() => setIsEditing(false)} />
        </div>
      ) : null}
    </li>
  );
}

function Badge({ children }: { children: string }) {
  return (
    <span className="rounded-full border border-line px-2 py-0.5 font-normal text-ink-muted text-xs">{children}</span>
  );
}
