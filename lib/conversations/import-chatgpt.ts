// A ChatGPT conversation (a `mapping` of nodes linked by parent and children) as a Parley message tree. Nodes that
// are not conversation text are left out and their children attach to the nearest kept ancestor, so the roles,
// the order and the branches (edits, regenerations) stay as they were.
import type { MessageRole } from "../db/client";
import type { ChatGptConversation, ChatGptNode, ImportedConversation, ImportedMessage } from "./import-formats";

// System messages are left out: a system instruction comes only from the admin's model and the conversation's
// settings, never from a file a user uploads.
const ROLES: Record<string, MessageRole> = { user: "USER", assistant: "ASSISTANT" };
// Code, tool output, reasoning and browsing results are not turns of the conversation.
const TEXT_CONTENT_TYPES = new Set(["text", "multimodal_text"]);

/** The node's text, or null when the node is not a visible message (tool calls, hidden system prompts, images). */
function readText(node: ChatGptNode): { role: MessageRole; content: string } | null {
  const message = node.message;
  const role = message ? ROLES[message.author.role] : undefined;
  if (!message || !role || !TEXT_CONTENT_TYPES.has(message.content.content_type)) return null;
  if (message.metadata?.is_visually_hidden_from_conversation) return null;
  const parts = (message.content.parts ?? []).flatMap((part) => {
    if (typeof part === "string") return [part];
    const image = describeImageReference(part);
    return image ? [image] : [];
  });
  const content = parts.join("\n").trim();
  return content ? { role, content } : null;
}

// An image in ChatGPT's export is a reference to a file of its own storage (`image_asset_pointer`, e.g.
// "file-service://file-abc"), which the JSON does not contain: kept as a note in the text, so the turn still says an
// image was there, instead of the import failing or the image vanishing without a trace.
function describeImageReference(part: unknown): string | null {
  if (typeof part !== "object" || part === null) return null;
  const { content_type: type, asset_pointer: pointer } = part as { content_type?: unknown; asset_pointer?: unknown };
  if (type !== "image_asset_pointer") return null;
  const reference = typeof pointer === "string" ? ` (${pointer.slice(0, 200)})` : "";
  return `[Image not imported${reference}]`;
}

export function convertChatGptConversation(conversation: ChatGptConversation): ImportedConversation {
  const { mapping } = conversation;
  const startedAt = new Date((conversation.create_time ?? 0) * 1000);
  const kept = new Map<string, ImportedMessage>();
  const messages: ImportedMessage[] = [];
  // Depth first from the roots, children in their listed order: every parent comes before its children.
  const roots = Object.values(mapping).filter((node) => !node.parent || !mapping[node.parent]);
  const stack = roots.reverse().map((node) => ({ node, keptParent: null as string | null }));
  const visited = new Set<string>();
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, keptParent } = entry;
    if (visited.has(node.id)) continue;
    visited.add(node.id);
    const text = readText(node);
    let parentForChildren = keptParent;
    if (text) {
      const createTime = node.message?.create_time;
      const createdAt = createTime ? new Date(createTime * 1000) : new Date(startedAt.getTime() + messages.length);
      const message = { key: node.id, parentKey: keptParent, ...text, createdAt };
      kept.set(node.id, message);
      messages.push(message);
      parentForChildren = node.id;
    }
    for (const childId of [...node.children].reverse()) {
      const child = mapping[childId];
      if (child) stack.push({ node: child, keptParent: parentForChildren });
    }
  }
  return {
    title: conversation.title?.trim() || "Imported chat",
    createdAt: startedAt,
    messages,
    currentKey: findKeptAncestor(conversation, kept) ?? messages.at(-1)?.key ?? null,
  };
}

/** The current node, or its nearest ancestor that was kept. */
function findKeptAncestor(conversation: ChatGptConversation, kept: Map<string, ImportedMessage>): string | null {
  const seen = new Set<string>();
  for (let id = conversation.current_node; id && !seen.has(id); id = conversation.mapping[id]?.parent) {
    if (kept.has(id)) return id;
    seen.add(id);
  }
  return null;
}
