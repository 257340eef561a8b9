// The attachment limits an admin sets in the console (defaults and ceilings in lib/limits.ts): size per file, files
// per message, total per message, storage per user. One settings row holds them as JSON; a row that does not parse
// (or none) means the defaults. Read from the database on each use, so that every process applies a change at once.
import { z } from "zod";
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { ATTACHMENT_LIMIT_CEILINGS, type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from "../limits";

const SETTING_KEY = "attachmentLimits";

const limit = (max: number) =>
  z.number().int("Enter a whole number.").min(1, "Allow at least 1.").max(max, `Allow at most ${max}.`);

export const attachmentLimitsSchema = z
  .strictObject({
    fileMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.fileMegabytes),
    filesPerMessage: limit(ATTACHMENT_LIMIT_CEILINGS.filesPerMessage),
    messageMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.messageMegabytes),
    storageMegabytes: limit(ATTACHMENT_LIMIT_CEILINGS.storageMegabytes),
  })
  .refine((limits) => limits.messageMegabytes >= limits.fileMegabytes, {
    message: "A message's total must allow at least one file of the largest size.",
    path: ["messageMegabytes"],
  });

export async function getAttachmentLimits(): Promise<AttachmentLimits> {
  const stored = await getSetting(SETTING_KEY);
  if (stored === null) return DEFAULT_ATTACHMENT_LIMITS;
  try {
    const parsed = attachmentLimitsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_ATTACHMENT_LIMITS;
  } catch {
    return DEFAULT_ATTACHMENT_LIMITS;
  }
}

export async function setAttachmentLimits(actor: AuditActor, limits: AttachmentLimits): Promise<AttachmentLimits> {
  await saveSetting(actor, SETTING_KEY, JSON.stringify(limits));
  return getAttachmentLimits();
}
