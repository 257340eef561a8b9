// The attachment limits an admin sets in the console (defaults and ceilings in lib/limits.ts): size per file, files
// per message, total per message, storage per user. One settings row holds them as JSON; a row that does not parse
// (or none) means the defaults. Read from the database on each use, so that every process applies a change at once.
import { z } from "zod";
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { sentenceOf } from "../http/issue-rules";
import { ATTACHMENT_LIMIT_CEILINGS, type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from "../limits";

const SETTING_KEY = "attachmentLimits";

const limit = (max: number) =>
  z.number().int("Enter a whole number.").min(1, "Allow at least 1.").max(max, `Allow at most ${max}.`);

/** The limits as stored: what earlier versions accepted stays readable. */
const storedLimitsSchema = z
  .strictObject({
    fileMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.fileMegabytes),
    filesPerMessage: limit(ATTACHMENT_LIMIT_CEILINGS.filesPerMessage),
    messageMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.messageMegabytes),
    storageMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.storageMegabytes),
  })
  .refine((limits) => limits.messageMegabytes >= limits.fileMegabytes, {
    message: sentenceOf("message_below_file"),
    path: ["messageMegabytes"],
    params: { rule: "message_below_file" },
  });

/**
 * The limits an admin sets: a user's storage must take one file of the largest size too, or nobody could upload
 * such a file. Storage below it was once accepted, so stored limits are not held to it.
 */
export const attachmentLimitsSchema = storedLimitsSchema.refine(
  (limits) => limits.storageMegabytes >= limits.fileMegabytes,
  { message: sentenceOf("storage_below_file"), path: ["storageMegabytes"], params: { rule: "storage_below_file" } },
);

export async function getAttachmentLimits(): Promise<AttachmentLimits> {
  const stored = await getSetting(SETTING_KEY);
  if (stored === null) return DEFAULT_ATTACHMENT_LIMITS;
  try {
    const parsed = storedLimitsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_ATTACHMENT_LIMITS;
  } catch {
    return DEFAULT_ATTACHMENT_LIMITS;
  }
}

export async function setAttachmentLimits(actor: AuditActor, limits: AttachmentLimits): Promise<AttachmentLimits> {
  await saveSetting(actor, SETTING_KEY, JSON.stringify(limits));
  return getAttachmentLimits();
}
