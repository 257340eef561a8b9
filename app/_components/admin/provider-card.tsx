"use client";

import { useState } from "react";
import { z } from "zod";
import type { AdminProvider } from "./admin-types";
import { ProviderForm } from "./provider-form";
import { useAdminAction } from "./use-admin-action";

const testResultSchema = z.union([
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
type TestResult = z.infer<typeof testResultSchema>;

export function ProviderCard({ provider }: { provider: AdminProvider }) {
  const [isEditing, setIsEditing] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const test = useAdminAction();
  const removal = useAdminAction();
  const isDemo = provider.kind === "DEMO";

  async function runTest(): Promise<void> {
    setTestResult(null);
    setTestResult(
      await test.run({ url: `/api/admin/providers/${provider.id}/test`, method: "POST" }, testResultSchema),
    );
  }

  async function remove(): Promise<void> {
    const models = provider.modelCount === 1 ? "its model" : `its ${provider.modelCount} models`;
    if (!window.confirm(`Delete ${provider.name} and ${models}? Conversations on them stay readable.`)) return;
    await removal.run({ url: `/api/admin/providers/${provider.id}`, method: "DELETE" });
  }

  return (
    <li className="rounded-2xl border border-line bg-canvas p-5" aria-label={provider.name}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="font-medium">{provider.name}</h3>
          <p className="break-all text-ink-muted text-sm">{isDemo ? "Built into Parley" : provider.baseUrl}</p>
          <p className="text-ink-muted text-sm">
            {isDemo ? "No key" : provider.hasApiKey ? `Key ••••${provider.apiKeyHint ?? ""}` : "No key"} ·{" "}
            {provider.modelCount === 1 ? "1 model" : `${provider.modelCount} models`}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <ActionButton onClick={() => void runTest()} disabled={test.isPending}>
            {test.isPending ? "Testing…" : "Test connection"}
          </ActionButton>
          {isDemo ? null : <ActionButton onClick={() => setIsEditing((value) => !value)}>Edit</ActionButton>}
          <ActionButton onClick={() => void remove()} disabled={removal.isPending} isDanger>
            Delete
          </ActionButton>
        </div>
      </div>
      {removal.error ? (
        <p role="alert" className="mt-3 text-danger text-sm">
          {removal.error}
        </p>
      ) : null}
      <TestOutcome result={testResult} error={test.error} />
      {isEditing ? (
        <div className="mt-4 border-line border-t pt-4">
          <ProviderForm provider={provider} onDone={() => setIsEditing(false)} />
        </div>
      ) : null}
    </li>
  );
}

function TestOutcome({ result, error }: { result: TestResult | null; error: string | null }) {
  if (error) {
    return (
      <p role="alert" className="mt-3 text-danger text-sm">
        {error}
      </p>
    );
  }
  if (!result) return null;
  if (!result.ok) {
    return (
      <p role="status" className="mt-3 text-danger text-sm">
        Connection failed: {result.reason}
      </p>
    );
  }
  return (
    <p role="status" className="mt-3 text-sm">
      Connected. {result.models.length === 0 ? "The provider lists no models." : `Models: ${result.models.join(", ")}`}
    </p>
  );
}

type ActionButtonProps = { onClick: () => void; disabled?: boolean; isDanger?: boolean; children: string };

export function ActionButton({ onClick, disabled, isDanger, children }: ActionButtonProps) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`rounded-lg border border-line px-3 py-1.5 text-sm hover:bg-hover disabled:opacity-50 ${isDanger ? "text-danger" : ""}`}
    >
      {children}
    </button>
  );
}
