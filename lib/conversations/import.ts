// Importing conversations into the caller's account: a ChatGPT export or Parley's own JSON exports. The file is
// parsed, validated and tokenized on a worker thread (import-rows.ts): a file of tens of megabytes takes seconds of
// CPU, which on the main thread would stall every reply and page of this process meanwhile.
import { usableModelsWhere } from "../access/models";
import { getAttachmentLimits } from "../attachments/attachment-limits";
import { prepareImportedFiles } from "../attachments/import-files";
import type { SessionUser } from "../auth/session";
import { encodingForModel } from "../chat/tokens";
import { insertImportedConversations } from "../db/conversation-import";
import { getDefaultModelId, getModelForCompletion } from "../db/models";
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";
import { readImportRowsOffThread } from "./run-import";

const MAX_LEFT_OUT_NAMED = 20;

/** `file`: the file's bytes (JSON), read within the size limit but not decoded; handed over to the worker. */
export async function importMyConversations(user: SessionUser, file: Uint8Array) {
  const modelId = await getDefaultModelId(usableModelsWhere(user.id));
  const model = modelId ? await getModelForCompletion(usableModelsWhere(user.id), modelId) : null;
  if (!model) throw new AppError("model_unavailable", "No model is available. Ask an admin to enable one.");
  const { conversations, leftOut } = await prepareImportedFiles(
    user,
    await readImportRowsOffThread(file, encodingForModel(model.upstreamName)),
  );
  // Checked again in the writing transaction: an upload finishing meanwhile cannot take the owner past the quota.
  const quotaBytes = (await getAttachmentLimits()).storageMegabytes * MEGABYTE;
  const owner = { ownerId: user.id, modelId: model.id };
  const created = await insertImportedConversations(owner, conversations, { quotaBytes });
  // The user is told which files did not come with their messages (the first of them by name, with why).
  const filesLeftOut = { count: leftOut.length, files: leftOut.slice(0, MAX_LEFT_OUT_NAMED) };
  return { imported: created.length, conversations: created, filesLeftOut };
}
