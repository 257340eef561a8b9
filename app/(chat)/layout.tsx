import type { ReactNode } from "react";
import { Sidebar } from "@/app/_components/sidebar";
import { requirePageUser } from "@/lib/auth/session";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="flex h-dvh overflow-hidden">
      <Sidebar user={{ name: user.name, email: user.email }} isAdmin={user.role === "ADMIN"} />
      <main className="flex min-w-0 flex-1 flex-col pt-12 md:pt-0">{children}</main>
    </div>
  );
}
