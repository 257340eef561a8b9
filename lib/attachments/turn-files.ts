// The files a message is sent with, checked before anything is written: the caller's own unsent uploads, within the
// per-message limits, images only for a model that reads them. Their cost in the context window is counted with the
// message: documents' text with the model's tokenizer, images by the estimate (image-tokens.ts).
import type { SessionUser } from "../auth/session";
import { countTokens, type TokenEncoding } from "../chat/tokens";
import { getConversationAttachments, getUnclaimedAttachments } from "../db/attachments";
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";
import { getAttachmentLimits } from "./attachment-limits";
import { getTurnText, type TurnFile } from "./turn-content";

type TurnModel = { label: string; readsImages: boolean };

/**
 * `ids`: the uploads to claim; `copiedIds`: files of the conversation's messages (an edit keeps them), copied within
 * the sender's storage of `storageQuotaBytes`.
 */
// What the checks and the token count need: the bytes are read only when the request is built (request-files.ts).
type CheckedFile = Pick<TurnFile, "name" | "kind" | "text"> & { id: string; size: number; tokenCount: number };

export type CheckedTurnFiles = { ids: string[]; copiedIds: string[]; files: CheckedFile[]; storageQuotaBytes: number };

export async function checkTurnFiles(
  user: SessionUser,
  conversationId: string,
  ids: string[] | undefined,
  model: TurnModel,
): Promise<CheckedTurnFiles> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return { ids: [], copiedIds: [], files: [], storageQuotaBytes: 0 };
  const limits = await getAttachmentLimits();
  if (unique.length > limits.filesPerMessage) {
    const noun = limits.filesPerMessage === 1 ? "file" : "files";
    throw new AppError("invalid_input", `Attach at most ${limits.filesPerMessage} ${noun}.`);
  }
  const uploads = await getUnclaimedAttachments(user.id, unique);
  const uploadIds = new Set(uploads.map((file) => file.id));
  const kept = await getConversationAttachments(
    conversationId,
    unique.filter((id) => !uploadIds.has(id)),
  );
  const files = [...uploads, ...kept];
  if (files.length !== unique.length) {
    throw new AppError("invalid_input", "An attached file is no longer available. Attach it again.");
  }
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  if (totalBytes > limits.messageMegabytes * MEGABYTE) {
    const megabytes = limits.messageMegabytes;
    throw new AppError("payload_too_large", `The files of one message are limited to ${megabytes} MB in all.`);
  }
  const image = files.find((file) => file.kind === "IMAGE");
  if (image && !model.readsImages) {
    throw new AppError(
      "invalid_input",
      `${model.label} cannot read images. Remove ${image.name}, or pick a model that reads images.`,
    );
  }
  const byId = new Map(files.map((file) => [file.id, file]));
  // In the order the message lists them (the database answers in any order).
  const keptIds = new Set(kept.map((file) => file.id));
  const copiedIds = unique.filter((id) => keptIds.has(id));
  const claimedIds = unique.filter((id) => uploadIds.has(id));
  return {
    ids: claimedIds,
    copiedIds,
    files: unique.flatMap((id) => byId.get(id) ?? []),
    storageQuotaBytes: limits.storageMegabytes * MEGABYTE,
  };
}

/** The message's cost: its text with its documents, counted in `encoding`, plus the images' estimates. */
export function countTurnTokens(
  content: string,
  files: (Pick<TurnFile, "name" | "kind" | "text"> & { tokenCount: number })[],
  encoding: TokenEncoding,
): number {
  const imageTokens = files.filter((file) => file.kind === "IMAGE").reduce((sum, file) => sum + file.tokenCount, 0);
  return countTokens(getTurnText(content, files), encoding) + imageTokens;
}
