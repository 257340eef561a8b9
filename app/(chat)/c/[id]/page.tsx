import { ChatView } from "@/app/_components/chat-view";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Keyed by id so that moving between conversations starts from a fresh state instead of reusing the last one.
  return <ChatView key={id} conversationId={id} />;
}
