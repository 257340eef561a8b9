// A short title after the first exchange, written by a model through the same provider path as replies. It runs
// after the reply is done, so it never delays it; the first words of the message stay the title if it fails.
import { enabledModelsWhere } from "../access/models";
import { cutAtWord, toPlainText } from "../conversations/plain-text";
import { setGeneratedTitle } from "../db/conversations";
import { type CompletionModel, getModelByUpstreamName, getModelForCompletion } from "../db/models";
import { env } from "../env";
import { createProviderClient } from "../models/provider-client";
import { shapeMessages, shapeParameters } from "./request-shape";
import { toUpstreamError } from "./upstream";

/** The longest a title's model call may take; a reply's stream waits for it a little longer (launch-reply.ts). */
export const TITLE_TIMEOUT_MS = 15_000;
const TITLE_MAX_LENGTH = 80;
const TITLE_MAX_TOKENS = 24;
const REASONING_TITLE_MAX_TOKENS = 1_000;
const TITLE_INSTRUCTION =
  "Write a title of at most six words for the conversation below, in the language of the user's message. " +
  "Reply with the title only: no quotes, no punctuation at the end.";

const FIRST_WORDS = 8;
// Enough text for the first words of any message, Markdown around them included.
const TITLE_SOURCE_LENGTH = 1000;

/** A title made of the first words of a message: shown until (and unless) a model writes a better one. */
export function titleFromMessage(content: string): string {
  // The title keeps a few words: cleaning a whole 32k message with the Markdown patterns would cost the event loop
  // hundreds of milliseconds on hostile input, for nothing.
  const words = toPlainText(content.slice(0, TITLE_SOURCE_LENGTH)).split(" ").slice(0, FIRST_WORDS).join(" ");
  return cutAtWord(words, TITLE_MAX_LENGTH);
}

/**
 * A model's title: its first line, without a "Title:" label, quotes, Markdown or a full stop at the end, nor the
 * leading <think>…</think> of a reasoning model (all of the text when the thinking never ended: no title in it).
 */
export function cleanTitle(raw: string): string | null {
  const answer = raw.replace(/^\s*<think>[\s\S]*?(<\/think>|$)/, "");
  const firstLine = answer.trim().slice(0, TITLE_SOURCE_LENGTH).split("\n")[0] ?? "";
  const title = toPlainText(firstLine.replace(/^\s*title:\s*/i, ""))
    .replace(/^["'“”«»\s]+|["'“”«»\s.!]+$/g, "")
    .trim();
  if (!title) return null;
  return cutAtWord(title, TITLE_MAX_LENGTH);
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

export type TitleRequest = {
  conversationId: string;
  fallbackTitle: string;
  model: CompletionModel;
  userText: string;
  replyText: string;
};

/** The title written, or null when none was (no model for it, a failure, or the user renamed it meanwhile). */
export async function generateTitle(input: TitleRequest): Promise<string | null> {
  try {
    const model = await pickTitleModel(input.model);
    // The offline demo model only echoes: the first words of the message make the better title.
    if (!model || model.provider.kind === "DEMO") return null;
    // top_p stays at the server's default, as it always was for titles.
    const { top_p: _topP, ...parameters } = shapeParameters(model, {
      temperature: 0.3,
      topP: 1,
      maxTokens: model.sendsSamplingParameters ? TITLE_MAX_TOKENS : REASONING_TITLE_MAX_TOKENS,
      reasoningEffort: model.reasoningEffort ? "low" : null,
    });
    const completion = await createProviderClient(model.provider).chat.completions.create(
      {
        model: model.upstreamName,
        messages: shapeMessages(model, [
          { role: "system", content: TITLE_INSTRUCTION },
          {
            role: "user",
            content: `User: ${input.userText.slice(0, 2_000)}\n\nAssistant: ${input.replyText.slice(0, 2_000)}`,
          },
        ]),
        // A title needs little thought, but a reasoning model spends its limit on thinking first: it gets room.
        ...parameters,
      },
      // The timeout ends once headers arrive; the signal also bounds a body that stalls after them.
      { timeout: TITLE_TIMEOUT_MS, signal: AbortSignal.timeout(TITLE_TIMEOUT_MS) },
    );
    const title = cleanTitle(completion.choices[0]?.message?.content ?? "");
    if (!title) return null;
    return (await setGeneratedTitle(input.conversationId, input.fallbackTitle, title)) ? title : null;
  } catch (error) {
    console.error(`Generating a title failed: ${String(toUpstreamError(error).cause)}`);
    return null;
  }
}
