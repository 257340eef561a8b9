"use client";

import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { shownTitle } from "@/app/_components/history";
import { DownloadIcon } from "@/app/_components/ui/icons";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { PageSection } from "@/app/_components/ui/page-section";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { LEFT_OUT_REASONS } from "@/lib/attachments/left-out-files";
import { MAX_IMPORT_BYTES } from "@/lib/limits";

const importResultSchema = z.object({
  imported: z.number(),
  conversations: z.array(z.object({ id: z.string(), title: z.string() })),
  filesLeftOut: z.object({
    count: z.number(),
    files: z.array(z.object({ name: z.string(), reason: z.enum(LEFT_OUT_REASONS) })),
  }),
});
type ImportResult = z.infer<typeof importResultSchema>;

const SECTION = "rounded-2xl border border-line p-5";

export function YourDataSettings() {
  const { t } = useTranslator();
  return (
    <PageSection id="your-data" title={t("yourData.title")}>
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
    </PageSection>
  );
}

function ImportForm() {
  const { t } = useTranslator();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const { send, error, isPending: isImporting, showError, formProps } = useFormOutcome({ refreshesPage: false });
  const [result, setResult] = useState<ImportResult | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!file) return showError(t("yourData.chooseFile"));
    if (file.size > MAX_IMPORT_BYTES) {
      return showError(t("yourData.fileTooLarge", { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 }));
    }
    setResult(null);
    const body = await file.text();
    const imported = await send(() => requestJson("/api/account/import", importResultSchema, { method: "POST", body }));
    if (!imported) return;
    setResult(imported);
    notifyConversationsChanged();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={SECTION}>
      <h3 className="font-medium">{t("yourData.import")}</h3>
      <p className="text-ink-muted mt-1 text-sm">{t("yourData.importDescription", { file: "conversations.json" })}</p>
      <label htmlFor={inputId} className="mt-3 block text-sm font-medium">
        {t("yourData.fileLabel")}
      </label>
      <input
        id={inputId}
        type="file"
        accept="application/json,.json"
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          setResult(null);
        }}
        className="file:border-line file:bg-canvas file:text-ink mt-1 block w-full text-sm file:mr-3 file:rounded-lg file:border file:px-3 file:py-1.5"
      />
      <SubmitButton label={t("yourData.importButton")} isPending={isImporting} />
      <InlineAlert message={error} className="mt-3" />
      {result ? <ImportSummary result={result} /> : null}
    </form>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslator();
  const { filesLeftOut } = result;
  return (
    <div role="status" className="mt-3 text-sm">
      <p>{t("yourData.imported", { count: result.imported })}</p>
      {filesLeftOut.count > 0 ? (
        <>
          <p className="mt-2">{t("yourData.filesLeftOut", { count: filesLeftOut.count })}</p>
          <ul className="mt-1 list-disc pl-5">
            {filesLeftOut.files.map((file, index) => (
              // A name may repeat (the same file in several messages).
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once, never reordered.
              <li key={index}>
                {file.name}: {t(`yourData.leftOut.${file.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <ul className="mt-1 list-disc pl-5">
        {result.conversations.slice(0, 10).map((conversation) => (
          <li key={conversation.id}>
            <Link href={`/c/${conversation.id}`} className="underline">
              {shownTitle(conversation.title, t)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
