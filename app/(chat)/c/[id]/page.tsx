import { notFound } from "next/navigation";
import { ChatView } from "@/app/_components/chat/chat-view";
import { canReadConversation } from "@/lib/access/conversation-access";
import { requirePageUser } from "@/lib/auth/session";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A conversation the caller may not read is a page that does not exist (404), exactly like one that does not.
  if (!(await canReadConversation(await requirePageUser(), id))) notFound();
  // Keyed by id so that moving between conversations starts from a fresh state instead of reusing the last one.
  return <ChatView key={id} conversationId={id} />;
}
