import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { conversationSchema } from "@/app/_components/api/schemas";
import { ChatThread } from "@/app/_components/chat/chat-thread";
import { shownTitle } from "@/app/_components/history";
import { getTranslator } from "@/app/_i18n/server";
import { canReadConversation } from "@/lib/access/conversation-access";
import { requirePageUser } from "@/lib/auth/session";
import { getConversationWithThread, messageParameterSchema } from "@/lib/conversations/conversation-thread";

type ConversationPageProps = {
  params: Promise<{ id: string }>;
  // `?message=`: open at that message (a search result's), in the thread through it.
  searchParams: Promise<{ message?: string | string[] }>;
};

// Once per request, for the page and its title alike.
const loadConversation = cache(async (id: string, messageId: string | undefined) => {
  const user = await requirePageUser();
  // A conversation the caller may not read is a page that does not exist (404), exactly like one that does not.
  if (!(await canReadConversation(user, id))) notFound();
  // Loaded here rather than by the browser after the page arrives: one round trip less before the thread shows.
  // It reaches the browser as the conversation API would send it (JSON, read through the same schema), so the
  // thread, re-attach and older pages all start from one shape.
  const conversation = await getConversationWithThread(user, id, messageId);
  return conversationSchema.parse(JSON.parse(JSON.stringify(conversation)));
});

async function readProps({ params, searchParams }: ConversationPageProps) {
  const [{ id }, { message }] = await Promise.all([params, searchParams]);
  return { id, messageId: messageParameterSchema.parse(message) };
}

export async function generateMetadata(props: ConversationPageProps): Promise<Metadata> {
  const { id, messageId } = await readProps(props);
  const [conversation, { t }] = await Promise.all([loadConversation(id, messageId), getTranslator()]);
  return { title: shownTitle(conversation.title, t) };
}

export default async function ConversationPage(props: ConversationPageProps) {
  const { id, messageId } = await readProps(props);
  const conversation = await loadConversation(id, messageId);
  // Keyed by id and message so that moving to another conversation, or to another message of this one, starts from
  // a fresh state instead of reusing the last one. The address keeps `?message=`: a refresh of the page keeps its key.
  return <ChatThread key={`${id}/${messageId ?? ""}`} conversation={conversation} />;
}
