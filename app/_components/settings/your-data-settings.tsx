"use client";

import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { DownloadIcon } from "@/app/_components/ui/icons";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_IMPORT_BYTES } from "@/lib/limits";

const importResultSchema = z.object({
  imported: z.number(),
  conversations: z.array(z.object({ id: z.string(), title: z.string() })),
});
type ImportResult = z.infer<typeof importResultSchema>;

const SECTION = "rounded-2xl border border-line p-5";

export function YourDataSettings() {
  const { t } = useTranslator();
  return (
    <section aria-labelledby="your-data" className="flex flex-col gap-4">
      <h2 id="your-data" className="text-lg font-medium">
        {t("yourData.title")}
      </h2>
      <div className={SECTION}>
        <h3 className="font-medium">{t("yourData.export")}</h3>
        <p className="text-ink-muted mt-1 text-sm">{t("yourData.exportDescription")}</p>
        <a
          href="/api/account/export"
          download
          className="border-line hover:bg-hover mt-3 inline-flex items-center gap-2 rounded-lg border px-3 py-2 text-sm font-medium"
        >
          <DownloadIcon width={16} height={16} />
          {t("yourData.export")}
        </a>
      </div>
      <ImportForm />
    </section>
  );
}

function ImportForm() {
  const translator = useTranslator();
  const { t } = translator;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!file) {
      setError(t("yourData.chooseFile"));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setError(t("yourData.fileTooLarge", { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    setIsImporting(true);
    setError(null);
    setResult(null);
    const response = await requestJson("/api/account/import", importResultSchema, {
      method: "POST",
      body: await file.text(),
    });
    setIsImporting(false);
    if (!response.isOk) {
      setError(describeError(response.error, translator));
      return;
    }
    setResult(response.data);
    notifyConversationsChanged();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className={SECTION}>
      <h3 className="font-medium">{t("yourData.import")}</h3>
      <p className="text-ink-muted mt-1 text-sm">{t("yourData.importDescription", { file: "conversations.json" })}</p>
      <label htmlFor={inputId} className="mt-3 block text-sm font-medium">
        {t("yourData.fileLabel")}
      </label>
      <input
        id={inputId}
        type="file"
        accept="application/json,.json"
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        className="file:border-line file:bg-canvas file:text-ink mt-1 block w-full text-sm file:mr-3 file:rounded-lg file:border file:px-3 file:py-1.5"
      />
      <SubmitButton label={t("yourData.importButton")} isPending={isImporting} />
      {error ? (
        <p role="alert" className="text-danger mt-3 text-sm">
          {error}
        </p>
      ) : null}
      {result ? <ImportSummary result={result} /> : null}
    </form>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslator();
  return (
    <div role="status" className="mt-3 text-sm">
      <p>{t("yourData.imported", { count: result.imported })}</p>

      <ul className="mt-1 list-disc pl-5">
        {result.conversations.slice(0, 10).map((conversation) => (
          <li key={conversation.id}>
            <Link href={`/c/${conversation.id}`} className="underline">
              {conversation.title}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
