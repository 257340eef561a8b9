import type { ReactNode } from "react";
import { AttachmentLimitsProvider } from "@/app/_components/attachments";
import { DraftOwnerProvider } from "@/app/_components/chat";
import { ChatShell } from "@/app/_components/shell/chat-shell";
import { getAttachmentLimits } from "@/lib/attachments/attachment-limits";
import { requirePageUser } from "@/lib/auth/session";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <AttachmentLimitsProvider limits={await getAttachmentLimits()}>
      <DraftOwnerProvider ownerId={user.id}>
        <ChatShell user={{ name: user.name, email: user.email }} isAdmin={user.role === "ADMIN"}>
          {children}
        </ChatShell>
      </DraftOwnerProvider>
    </AttachmentLimitsProvider>
  );
}
