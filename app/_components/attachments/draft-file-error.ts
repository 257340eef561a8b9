// Why a file on the composer's chips cannot be sent as it is, in no language: kept with the draft (and in the tab's
// sessionStorage) as a code and worded when shown, so that the chips already there follow a change of language, and
// of the admin's limits, like the rest of the page.
import { z } from "zod";
import { describeError } from "@/app/_components/api/api-client";
import { apiErrorSchema } from "@/app/_components/api/schemas";
import type { Translator } from "@/app/_i18n/translator";
import { formatSize } from "./format-size";

export const draftFileErrorSchema = z.discriminatedUnion("code", [
  z.object({ code: z.literal("too_many") }).strict(),
  z.object({ code: z.literal("too_large") }).strict(),
  // The server swept it, unsent, an hour after its upload.
  z.object({ code: z.literal("expired") }).strict(),
  // A reload dropped the file before its upload had finished.
  z.object({ code: z.literal("interrupted") }).strict(),
  z.object({ code: z.literal("refused"), error: apiErrorSchema.shape.error }).strict(),
]);

export type DraftFileError = z.infer<typeof draftFileErrorSchema>;

/** The admin's limits that a file is refused by in the browser, before it is uploaded. */
export type DraftFileLimits = { filesPerMessage: number; maxFileBytes: number };

export function describeDraftFileError(error: DraftFileError, translator: Translator, limits: DraftFileLimits): string {
  const { t, locale } = translator;
  switch (error.code) {
    case "too_many":
      return t("attachments.tooMany", { count: limits.filesPerMessage });
    case "too_large":
      return t("attachments.tooLarge", { size: formatSize(limits.maxFileBytes, locale) });
    case "expired":
      return t("attachments.expired");
    case "interrupted":
      return t("attachments.interrupted");
    case "refused":
      return describeError(error.error, translator);
  }
}
