import { getTranslator } from "@/app/_i18n/server";
import { formatSize } from "./format-size";

// Settings → Usage: how much of their file storage the user's attachments take ("312 MB of 1 GB used").
export async function StorageUsage({ usedBytes, quotaBytes }: { usedBytes: number; quotaBytes: number }) {
  const { t, locale } = await getTranslator();
  return t("attachments.storage", { used: formatSize(usedBytes, locale), quota: formatSize(quotaBytes, locale) });
}
