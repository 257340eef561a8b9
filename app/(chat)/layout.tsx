import type { ReactNode } from "react";
import { ChatShell } from "@/app/_components/shell/chat-shell";
import { requirePageUser } from "@/lib/auth/session";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <ChatShell user={{ name: user.name, email: user.email }} isAdmin={user.role === "ADMIN"}>
      {children}
    </ChatShell>
  );
}
