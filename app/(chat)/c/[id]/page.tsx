import { notFound } from "next/navigation";
import { conversationSchema } from "@/app/_components/api/schemas";
import { ChatThread } from "@/app/_components/chat/chat-thread";
import { canReadConversation } from "@/lib/access/conversation-access";
import { requirePageUser } from "@/lib/auth/session";
import { getConversationWithThread } from "@/lib/conversations/conversations";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser();
  // A conversation the caller may not read is a page that does not exist (404), exactly like one that does not.
  if (!(await canReadConversation(user, id))) notFound();
  // Loaded here rather than by the browser after the page arrives: one round trip less before the thread shows.
  // It reaches the browser as the conversation API would send it (JSON, read through the same schema), so the
  // thread, re-attach and older pages all start from one shape.
  const conversation = conversationSchema.parse(JSON.parse(JSON.stringify(await getConversationWithThread(user, id))));
  // Keyed by id so that moving between conversations starts from a fresh state instead of reusing the last one.
  return <ChatThread key={id} conversation={conversation} />;
}
