"use client";

import { useState } from "react";
import { z } from "zod";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { useMutation } from "@/app/_components/api/use-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { isMessageKey } from "@/app/_i18n/messages-en";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminProvider } from "./admin-types";
import { ProviderForm } from "./provider-form";

const testResultSchema = z.union([
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({
    ok: z.literal(false),
    reason: z.string(),
    code: z.string().optional(),
    status: z.number().optional(),
    seconds: z.number().optional(),
  }),
]);
type TestResult = z.infer<typeof testResultSchema>;

export function ProviderCard({ provider }: { provider: AdminProvider }) {
  const { t } = useTranslator();
  const [isEditing, setIsEditing] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const test = useMutation();
  const removal = useConfirmedMutation();
  const isDemo = provider.kind === "DEMO";

  async function runTest(): Promise<void> {
    setTestResult(null);
    setTestResult(
      await test.run({ url: `/api/admin/providers/${provider.id}/test`, method: "POST" }, testResultSchema),
    );
  }

  async function remove(): Promise<void> {
    const message = t("admin.provider.confirmDelete", { name: provider.name, count: provider.modelCount });
    const question = { title: t("admin.provider.confirmDeleteTitle"), message, confirmLabel: t("admin.delete") };
    await removal.runConfirmed(question, { url: `/api/admin/providers/${provider.id}`, method: "DELETE" });
  }

  return (
    <li className="border-line bg-canvas rounded-2xl border p-5" aria-label={provider.name}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="font-medium">{provider.name}</h3>
          <p className="text-ink-muted text-sm break-all">{isDemo ? t("admin.provider.builtIn") : provider.baseUrl}</p>
          {provider.kind === "AZURE_OPENAI" ? (
            <p className="text-ink-muted text-sm">
              {t("admin.provider.azureSummary", { version: provider.apiVersion ?? "" })}
            </p>
          ) : null}
          <p className="text-ink-muted text-sm">
            {!provider.hasApiKey || isDemo
              ? t("admin.provider.noKey")
              : provider.apiKeyHint
                ? t("admin.provider.keyHint", { hint: provider.apiKeyHint })
                : t("admin.provider.keyStored")}{" "}
            · {t("admin.provider.modelCount", { count: provider.modelCount })}
          </p>
          {provider.isApiKeyUnreadable ? (
            <p className="text-danger text-sm font-medium">{t("admin.provider.keyUnreadable")}</p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-1">
          <ActionButton onClick={() => void runTest()} isPending={test.isPending}>
            {test.isPending ? t("admin.provider.testing") : t("admin.provider.test")}
          </ActionButton>
          {isDemo ? null : (
            <ActionButton onClick={() => setIsEditing((value) => !value)}>{t("admin.edit")}</ActionButton>
          )}
          <ActionButton onClick={() => void remove()} isPending={removal.isPending} isDanger>
            {t("admin.delete")}
          </ActionButton>
        </div>
      </div>
      <InlineAlert message={removal.error} className="mt-3" />
      <TestOutcome result={testResult} error={test.error} />
      {isEditing ? (
        <div className="border-line mt-4 border-t pt-4">
          <ProviderForm provider={provider} onDone={() => setIsEditing(false)} />
        </div>
      ) : null}
      {removal.dialog}
    </li>
  );
}

/** Why the test failed, in the admin's words: by its code, or the server's English for a code not known here. */
function describeTestFailure(failure: Extract<TestResult, { ok: false }>, t: Translator["t"]): string {
  const key = `admin.provider.testFailure.${failure.code}`;
  return isMessageKey(key) ? t(key, { status: failure.status ?? "", seconds: failure.seconds ?? "" }) : failure.reason;
}

function TestOutcome({ result, error }: { result: TestResult | null; error: string | null }) {
  const { t } = useTranslator();
  if (error) {
    return (
      <p role="alert" className="text-danger mt-3 text-sm">
        {error}
      </p>
    );
  }
  if (!result) return null;
  if (!result.ok) {
    return (
      <p role="status" className="text-danger mt-3 text-sm">
        {t("admin.provider.testFailed", { reason: describeTestFailure(result, t) })}
      </p>
    );
  }
  return (
    <p role="status" className="mt-3 text-sm">
      {result.models.length === 0
        ? t("admin.provider.connectedNoModels")
        : t("admin.provider.connected", { models: result.models.join(", ") })}
    </p>
  );
}
