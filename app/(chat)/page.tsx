import { NewChatView } from "@/app/_components/new-chat-view";

export default function NewChatPage() {
  return <NewChatView />;
}
