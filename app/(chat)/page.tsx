import { NewChatView } from "@/app/_components/chat/new-chat-view";

export default function NewChatPage() {
  return <NewChatView />;
}
