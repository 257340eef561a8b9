import { getTranslator } from "@/app/_i18n/server";
import { formatSize } from "./format-size";

// Settings: how much of their file storage the user's attachments take ("Files: 312 MB of 1 GB used").
export async function StorageUsage({ usedBytes, quotaBytes }: { usedBytes: number; quotaBytes: number }) {
  const { t, locale } = await getTranslator();
  return (
    <p className="text-ink-muted mb-8 text-sm">
      {t("attachments.storage", { used: formatSize(usedBytes, locale), quota: formatSize(quotaBytes, locale) })}
    </p>
  );
}
