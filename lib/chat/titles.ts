// A short title after the first exchange, written by a model through the same provider path as replies. It runs
// after the reply is done, so it never delays it; the first words of the message stay the title if it fails.
import { enabledModelsWhere } from "../access/models";
import { setGeneratedTitle } from "../db/conversations";
import { type CompletionModel, getModelByUpstreamName, getModelForCompletion } from "../db/models";
import { env } from "../env";
import { createProviderClient } from "../models/provider-client";
import { toUpstreamError } from "./upstream";

const TITLE_TIMEOUT_MS = 15_000;
const TITLE_MAX_LENGTH = 80;
const TITLE_INSTRUCTION =
  "Write a title of at most six words for the conversation below, in the language of the user's message. " +
  "Reply with the title only: no quotes, no punctuation at the end.";

export function cleanTitle(raw: string): string | null {
  const firstLine = raw.trim().split("\n")[0] ?? "";
  const title = firstLine
    .replace(/^\s*title:\s*/i, "")
    .replace(/^["'“”«»\s#*]+|["'“”«»\s.!*]+$/g, "")
    .trim();
  if (!title) return null;
  return title.length > TITLE_MAX_LENGTH ? `${title.slice(0, TITLE_MAX_LENGTH - 1)}…` : title;
}

/**
 * TITLE_MODEL (an enabled model's upstream name) when set, else the conversation's own model, if still enabled: the
 * turn already checked that its conversation may use it.
 */
async function pickTitleModel(conversationModel: CompletionModel): Promise<CompletionModel | null> {
  const configured = env().TITLE_MODEL;
  return configured
    ? getModelByUpstreamName(enabledModelsWhere(), configured)
    : getModelForCompletion(enabledModelsWhere(), conversationModel.id);
}

export async function generateTitle(input: {
  conversationId: string;
  fallbackTitle: string;
  model: CompletionModel;
  userText: string;
  replyText: string;
}): Promise<void> {
  const model = await pickTitleModel(input.model);
  // The offline demo model only echoes: the first words of the message make the better title.
  if (!model || model.provider.kind === "DEMO") return;
  try {
    const completion = await createProviderClient(model.provider).chat.completions.create(
      {
        model: model.upstreamName,
        messages: [
          { role: "system", content: TITLE_INSTRUCTION },
          {
            role: "user",
            content: `User: ${input.userText.slice(0, 2_000)}\n\nAssistant: ${input.replyText.slice(0, 2_000)}`,
          },
        ],
        max_tokens: 24,
        temperature: 0.3,
      },
      // The timeout ends once headers arrive; the signal also bounds a body that stalls after them.
      { timeout: TITLE_TIMEOUT_MS, signal: AbortSignal.timeout(TITLE_TIMEOUT_MS) },
    );
    const title = cleanTitle(completion.choices[0]?.message?.content ?? "");
    if (title) await setGeneratedTitle(input.conversationId, input.fallbackTitle, title);
  } catch (error) {
    console.error(`Generating a title failed: ${String(toUpstreamError(error).cause)}`);
  }
}
