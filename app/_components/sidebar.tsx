"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { ConversationList } from "./conversation-list";
import { CloseIcon, ComposeIcon, MenuIcon, SettingsIcon } from "./icons";
import { SignOutButton } from "./sign-out-button";

type SidebarProps = { user: { name: string; email: string } };

export function Sidebar({ user }: SidebarProps) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();

  // On small screens the sidebar is an overlay; following a link inside it should reveal the page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the reaction to the path changing.
  useEffect(() => {
    setIsOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!isOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && setIsOpen(false);
    window.addEventListener("keydown", closeOnEscape);
    return () => window.removeEventListener("keydown", closeOnEscape);
  }, [isOpen]);

  return (
    <>
      <button
        type="button"
        aria-label="Open sidebar"
        aria-expanded={isOpen}
        onClick={() => setIsOpen(true)}
        className="fixed top-2 left-2 z-30 flex size-10 items-center justify-center rounded-lg hover:bg-hover md:hidden"
      >
        <MenuIcon />
      </button>
      {isOpen ? (
        <button
          type="button"
          aria-label="Close sidebar"
          tabIndex={-1}
          onClick={() => setIsOpen(false)}
          className="fixed inset-0 z-40 bg-black/40 md:hidden"
        />
      ) : null}
      <div
        className={`${isOpen ? "fixed inset-y-0 left-0 z-50 flex" : "hidden"} w-64 shrink-0 flex-col border-line border-r bg-sidebar md:static md:flex`}
      >
        <div className="flex items-center justify-between px-3 pt-3">
          <span className="px-2 font-semibold text-lg">Parley</span>
          {isOpen ? (
            <button
              type="button"
              aria-label="Close sidebar"
              onClick={() => setIsOpen(false)}
              className="flex size-9 items-center justify-center rounded-lg hover:bg-hover md:hidden"
            >
              <CloseIcon />
            </button>
          ) : null}
        </div>
        <nav aria-label="Conversations" className="flex min-h-0 flex-1 flex-col overflow-y-auto px-2 pt-2 pb-4">
          <Link
            href="/"
            className={`flex items-center gap-2 rounded-lg px-3 py-2 font-medium text-sm hover:bg-hover ${pathname === "/" ? "bg-hover" : ""}`}
            aria-current={pathname === "/" ? "page" : undefined}
          >
            <ComposeIcon width={18} height={18} />
            New chat
          </Link>
          <ConversationList />
        </nav>
        <UserFooter user={user} />
      </div>
    </>
  );
}

function UserFooter({ user }: SidebarProps) {
  const initial = (user.name.trim()[0] ?? user.email[0] ?? "?").toUpperCase();
  return (
    <div className="flex items-center gap-2 border-line border-t p-3">
      <span
        aria-hidden="true"
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-ink font-semibold text-canvas text-sm"
      >
        {initial}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-sm">{user.name}</p>
        <p className="truncate text-ink-muted text-xs">{user.email}</p>
      </div>
      <Link
        href="/settings"
        aria-label="Settings"
        className="flex size-8 shrink-0 items-center justify-center rounded-lg text-ink-muted hover:bg-hover hover:text-ink"
      >
        <SettingsIcon width={18} height={18} />
      </Link>
      <SignOutButton />
    </div>
  );
}
