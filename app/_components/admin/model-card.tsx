"use client";

import { useState } from "react";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminModel, AdminProvider, AdminTeam } from "./admin-types";
import { ModelForm } from "./model-form";

type ModelCardProps = { model: AdminModel; providers: AdminProvider[]; teams: AdminTeam[] };

export function ModelCard({ model, providers, teams }: ModelCardProps) {
  const { t, formatNumber, formatDate } = useTranslator();
  const [isEditing, setIsEditing] = useState(false);
  const action = useConfirmedMutation();
  const modelUrl = `/api/admin/models/${model.id}`;
  const temperature = model.allowUserParameters
    ? t("admin.model.temperatureRange", {
        temperature: model.temperature,
        min: model.minTemperature,
        max: model.maxTemperature,
      })
    : t("admin.model.temperatureFixed", { temperature: model.temperature });
  // Only for a model that sends them: the shape line says "no temperature or top_p" for the others.
  const sampling = model.sendsSamplingParameters
    ? ` · ${t("admin.model.sampling", { temperature, topP: model.topP })}`
    : "";

  async function remove(): Promise<void> {
    const question = {
      title: t("admin.model.confirmDeleteTitle"),
      message: t("admin.model.confirmDelete", { label: model.label }),
      confirmLabel: t("admin.delete"),
    };
    await action.runConfirmed(question, { url: modelUrl, method: "DELETE" });
  }

  return (
    <li className="border-line bg-canvas rounded-2xl border p-5" aria-label={model.label}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="flex flex-wrap items-center gap-2 font-medium">
            {model.label}
            {model.isDefault ? <Badge>{t("admin.model.default")}</Badge> : null}
            {model.enabled ? null : <Badge>{t("admin.model.disabled")}</Badge>}
            {model.visibleToEveryone ? null : <Badge>{t("admin.model.teamsOnly")}</Badge>}
            {model.readsImages ? <Badge>{t("attachments.admin.readsImagesBadge")}</Badge> : null}
          </h3>
          <p className="text-ink-muted text-sm">
            {t("admin.model.source", {
              name: model.upstreamName,
              provider: model.providerName,
              version: model.version,
            })}
          </p>
          <p className="text-ink-muted text-sm">
            {t("admin.model.limits", {
              context: formatNumber(model.contextWindow),
              output: formatNumber(model.maxOutputTokens),
            })}
            {sampling}
            {model.systemPrompt ? ` · ${t("admin.model.hasSystemPrompt")}` : ""}
          </p>
          <p className="text-ink-muted text-sm">
            {t("admin.model.shape", {
              limit: model.outputLimitParameter === "none" ? t("admin.model.notSent") : model.outputLimitParameter,
              role: model.systemPromptRole,
            })}
            {model.sendsSamplingParameters ? "" : ` · ${t("admin.model.noSampling")}`}
            {model.reasoningEffort ? ` · reasoning_effort ${model.reasoningEffort}` : ""}
          </p>
          {model.autoAdjustment && model.autoAdjustedAt ? (
            <p className="text-sm">
              {t("admin.model.adjustedAutomatically", {
                change: model.autoAdjustment,
                date: formatDate(model.autoAdjustedAt, { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-1">
          <ActionButton onClick={() => setIsEditing((value) => !value)}>{t("admin.edit")}</ActionButton>
          {model.isDefault ? null : (
            <>
              <ActionButton
                onClick={() => void action.run({ url: modelUrl, method: "PATCH", body: { enabled: !model.enabled } })}
                isPending={action.isPending}
              >
                {model.enabled ? t("admin.disable") : t("admin.enable")}
              </ActionButton>
              {model.enabled ? (
                <ActionButton
                  onClick={() => void action.run({ url: modelUrl, method: "PATCH", body: { isDefault: true } })}
                  isPending={action.isPending}
                >
                  {t("admin.model.makeDefault")}
                </ActionButton>
              ) : null}
              <ActionButton onClick={() => void remove()} isPending={action.isPending} isDanger>
                {t("admin.delete")}
              </ActionButton>
            </>
          )}
        </div>
      </div>
      <InlineAlert message={action.error} className="mt-3" />
      {isEditing ? (
        <div className="border-line mt-4 border-t pt-4">
          <ModelForm providers={providers} teams={teams} model={model} onDone={() => setIsEditing(false)} />
        </div>
      ) : null}
      {action.dialog}
    </li>
  );
}

function Badge({ children }: { children: string }) {
  return (
    <span className="border-line text-ink-muted rounded-full border px-2 py-0.5 text-xs font-normal">{children}</span>
  );
}
