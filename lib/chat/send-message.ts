// A chat turn (docs/architecture.md, "A chat turn"): validate, save the user message and an empty reply, then
// generate the reply in the background and hand back the live reply for the response to stream. Regenerating
// is the same without a new user message.
import { z } from "zod";
import { deniedError } from "../access/conversation-access";
import { writableConversationsSql } from "../access/conversations";
import { conversationModelsSql } from "../access/models";
import { checkTurnFiles, countTurnTokens } from "../attachments/turn-files";
import { checkSessionState, type SessionUser, type UncheckedClaims } from "../auth/session";
import { DEFAULT_TITLE } from "../conversations/untitled";
import { createId } from "../db/ids";
import type { CompletionModel } from "../db/models";
import { getTurnContext } from "../db/turn-context";
import { replyInProgressError, type StartedTurn, startRegeneration, startTurn } from "../db/turns";
import { AppError } from "../errors";
import { ATTACHMENT_LIMIT_CEILINGS, MAX_MESSAGE_LENGTH } from "../limits";
import { releaseUnlessHandedOver, reserveChatTurn } from "../usage-limits/chat-turn-usage";
import { getRequiredTokens, getWindowBudget, MESSAGE_FRAMING_TOKENS } from "./context-window";
import { type EarlyReply, writeTurnAskingEarly } from "./early-upstream";
import { launchReply, replayFinishedTurn } from "./launch-reply";
import type { LiveReply } from "./live-reply";
import { assertWithinBounds, resolveParameters } from "./parameters";
import { findReply, type PendingTurn, startAsPendingTurn } from "./reply-registry";
import { withReplyStream } from "./reply-stream-limit";
import { getSystemPrompt } from "./system-prompt";
import { threadOfRegeneration, threadWithNewMessage } from "./thread-read-ahead";
import { titleFromMessage } from "./titles";
import { encodingForModel } from "./tokens";

const messageIdSchema = z.string().regex(/^[a-z0-9]{20,32}$/, "Not a message id.");

export const sendMessageSchema = z.strictObject({
  content: z
    .string()
    .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`)
    .refine((text) => text.trim().length > 0, "Write a message first."),
  parentId: messageIdSchema.nullable().optional(),
  clientMessageId: z.string().min(8).max(64).optional(),
  temperature: z.number().finite().optional(),
  // Uploads (POST /api/attachments) this message carries: the caller's own, not yet sent. The admin's count is
  // checked with the files (turn-files.ts); this bounds the body.
  attachmentIds: z
    .array(messageIdSchema)
    .max(
      ATTACHMENT_LIMIT_CEILINGS.filesPerMessage,
      `Attach at most ${ATTACHMENT_LIMIT_CEILINGS.filesPerMessage} files.`,
    )
    .optional(),
});

export const regenerateSchema = z.strictObject({ temperature: z.number().finite().optional() });

/**
 * The turn's one read before it writes (lib/db/turn-context.ts), and the checks on what it read, in the order of
 * any route: the session (401/403), then access to the conversation, then its model.
 */
type WritableTurnContext = Awaited<ReturnType<typeof loadWritableTurnContext>>;

async function loadWritableTurnContext(
  claims: UncheckedClaims,
  conversationId: string,
  anchor: Parameters<typeof getTurnContext>[0]["anchor"],
  input: { temperature?: number; clientMessageId?: string },
) {
  const { temperature, clientMessageId } = input;
  const checkedAt = performance.now();
  const { session, conversation } = await getTurnContext({
    userId: claims.uid,
    conversationScope: writableConversationsSql(claims.uid),
    modelScope: conversationModelsSql(claims.uid),
    conversationId,
    anchor,
    framingTokens: MESSAGE_FRAMING_TOKENS,
    clientMessageId,
  });
  const user = checkSessionState(claims, session);
  if (!conversation) throw await deniedError(user, conversationId, "write");
  const { model } = conversation;
  if (!model)
    throw new AppError("model_unavailable", "This conversation's model is not available. Pick another model.");
  assertWithinBounds(model, { temperature });
  const parameters = resolveParameters(model, conversation, { temperature });
  return { user, conversation, model, parameters, requester: { userId: user.id, checkedAt } };
}

function snapshotOf(model: CompletionModel, parameters: ReturnType<typeof resolveParameters>) {
  return { modelId: model.id, modelVersion: model.version, parameters };
}

/** The session is checked here, with the turn's first statement: the caller has only decoded its token. */
export async function sendMessage(
  claims: UncheckedClaims,
  conversationId: string,
  input: z.infer<typeof sendMessageSchema>,
): Promise<{ user: SessionUser; live: LiveReply }> {
  const context = await loadWritableTurnContext(claims, conversationId, { parentId: input.parentId ?? null }, input);
  // Refused before anything is reserved or asked; the write refuses it again under the lock (another tab's turn).
  if (context.conversation.isAnchorStreaming && !context.conversation.isRepeat) throw replyInProgressError();
  const live = await startAsPendingTurn(conversationId, context.requester, (pending) =>
    startNewTurn(context, input, pending),
  );
  return { user: context.user, live };
}

/** The new turn's checks, reservation and write (with the model asked early), then its reply. */
async function startNewTurn(
  { user, conversation, model, parameters }: WritableTurnContext,
  input: z.infer<typeof sendMessageSchema>,
  pending: PendingTurn,
): Promise<LiveReply> {
  const conversationId = conversation.id;
  const encoding = encodingForModel(model.upstreamName);
  const files = await checkTurnFiles(user, conversationId, input.attachmentIds, model);
  const tokenCount = countTurnTokens(input.content, files.files, encoding);
  // The sender's custom instructions go with the system prompt, so they count toward what can never fit too.
  const systemPrompt = getSystemPrompt(conversation.systemPrompt, model, encoding, conversation.customInstructions);
  const systemTokens = systemPrompt?.tokens ?? null;
  // Checked before anything is written: a message that can never be sent is refused, not stored.
  const budget = getWindowBudget(model.contextWindow, parameters.maxTokens);
  getRequiredTokens(tokenCount, systemTokens, budget);
  const usageReservation = await reserveChatTurn({
    ...{ userId: user.id, context: conversation, model, maxTokens: parameters.maxTokens, budget },
    newTokens: tokenCount + (systemTokens ?? 0),
  });

  const title = titleFromMessage(input.content);
  const newMessage = {
    content: input.content,
    tokens: { count: tokenCount, encoding },
    hasFiles: files.ids.length + files.copiedIds.length > 0,
  };
  const turn = withReplyStream(user.id, (streamSlot) => {
    const ids = { userId: createId(), replyId: createId() };
    const write = () =>
      startTurn({
        scope: writableConversationsSql(user.id),
        conversationId,
        authorId: user.id,
        content: input.content,
        tokens: { count: tokenCount, encoding },
        parentId: input.parentId,
        clientMessageId: input.clientMessageId,
        attachmentIds: files.ids,
        copiedFiles: { ids: files.copiedIds, storageQuotaBytes: files.storageQuotaBytes },
        reply: snapshotOf(model, parameters),
        titleIfUntitled: { untitled: DEFAULT_TITLE, title },
        ids,
      });
    // The model is asked while the turn is written (early-upstream.ts); never for a repeat, which it will not answer.
    const early = conversation.isRepeat
      ? null
      : { conversation, model, parameters, userMessageId: ids.userId, parentId: input.parentId, message: newMessage };
    const launch = (started: StartedTurn, sentEarly: EarlyReply | null) =>
      startOrRejoin(conversationId, started, () =>
        launchReply({
          conversation,
          model,
          parameters,
          turn: started,
          thread: threadWithNewMessage(conversation.thread, started, newMessage),
          requesterId: user.id,
          author: { id: user.id, name: user.name },
          titleToReplace: started.userMessage.parentId === null && conversation.currentLeafId === null ? title : null,
          streamSlot,
          usageReservation,
          early: sentEarly,
        }),
      );
    return writeTurnAskingEarly(write, early, launch, pending);
  });
  return releaseUnlessHandedOver(usageReservation, turn);
}

export async function regenerateReply(
  claims: UncheckedClaims,
  conversationId: string,
  replyId: string,
  input: z.infer<typeof regenerateSchema>,
): Promise<{ user: SessionUser; live: LiveReply }> {
  const { user, conversation, model, parameters, requester } = await loadWritableTurnContext(
    claims,
    conversationId,
    { replyId },
    input,
  );
  const live = await startAsPendingTurn(conversationId, requester, async (pending) => {
    const usageReservation = await reserveChatTurn({
      ...{ userId: user.id, context: conversation, model, maxTokens: parameters.maxTokens, newTokens: 0 },
      budget: getWindowBudget(model.contextWindow, parameters.maxTokens),
    });
    const regeneration = withReplyStream(user.id, async (streamSlot) => {
      const turn = await startRegeneration(
        writableConversationsSql(user.id),
        conversationId,
        replyId,
        snapshotOf(model, parameters),
      );
      const launched = launchReply({
        conversation,
        model,
        parameters,
        turn,
        thread: threadOfRegeneration(conversation.thread, turn),
        requesterId: user.id,
        author: null,
        titleToReplace: null,
        streamSlot,
        usageReservation,
      });
      return pending.launched(launched);
    });
    return releaseUnlessHandedOver(usageReservation, regeneration);
  });
  return { user, live };
}

/** A repeated clientMessageId joins the reply it started, or replays it once it has ended. */
function startOrRejoin(conversationId: string, turn: StartedTurn, launch: () => LiveReply): LiveReply {
  if (!turn.isDuplicate) return launch();
  const running = findReply(conversationId, turn.assistantMessage.id);
  if (running) return running;
  if (turn.assistantMessage.status === "STREAMING") {
    throw new AppError("conflict", "This message's reply is still being written elsewhere. Reload to follow it.");
  }
  return replayFinishedTurn(conversationId, turn);
}
