import { ConversationNotFound } from "@/app/_components/chat/conversation-not-found";

// Inside the chat layout: the sidebar stays, with the caller's own conversations.
export default function ConversationPageNotFound() {
  return <ConversationNotFound />;
}
