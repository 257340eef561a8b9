import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { conversationSchema } from "@/app/_components/api/schemas";
import { ChatThread } from "@/app/_components/chat/chat-thread";
import { shownTitle } from "@/app/_components/history";
import { getTranslator } from "@/app/_i18n/server";
import { canReadConversation } from "@/lib/access/conversation-access";
import { requirePageUser } from "@/lib/auth/session";
import { getConversationWithThread } from "@/lib/conversations/conversations";

// Once per request, for the page and its title alike.
const loadConversation = cache(async (id: string) => {
  const user = await requirePageUser();
  // A conversation the caller may not read is a page that does not exist (404), exactly like one that does not.
  if (!(await canReadConversation(user, id))) notFound();
  // Loaded here rather than by the browser after the page arrives: one round trip less before the thread shows.
  // It reaches the browser as the conversation API would send it (JSON, read through the same schema), so the
  // thread, re-attach and older pages all start from one shape.
  return conversationSchema.parse(JSON.parse(JSON.stringify(await getConversationWithThread(user, id))));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const [conversation, { t }] = await Promise.all([loadConversation(id), getTranslator()]);
  return { title: shownTitle(conversation.title, t) };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const conversation = await loadConversation(id);
  // Keyed by id so that moving between conversations starts from a fresh state instead of reusing the last one.
  return <ChatThread key={id} conversation={conversation} />;
}
