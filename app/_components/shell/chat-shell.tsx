"use client";

import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useShortcut } from "@/app/_components/ui/keyboard-shortcuts";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { Sidebar } from "./sidebar";

type ChatShellProps = { user: { name: string; email: string }; isAdmin: boolean; children: ReactNode };

// At this width and above the sidebar sits beside the page (Tailwind's md breakpoint).
const WIDE_QUERY = "(min-width: 48rem)";

// The signed-in layout: sidebar (a drawer on phones), the page, and the shortcuts that work everywhere in it.
export function ChatShell({ user, isAdmin, children }: ChatShellProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);
  const [areShortcutsShown, setAreShortcutsShown] = useState(false);
  const closeDrawer = useCallback(() => setIsDrawerOpen(false), []);
  // Deleting the open conversation leaves its page, but the drawer stays open on the Undo notice it shows.
  const keepsDrawerOpenRef = useRef(false);
  const keepDrawerOpen = useCallback(() => {
    keepsDrawerOpenRef.current = true;
  }, []);

  // Following a link inside the drawer should reveal the page it opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the reaction to the path changing.
  useEffect(() => {
    if (keepsDrawerOpenRef.current) keepsDrawerOpenRef.current = false;
    else setIsDrawerOpen(false);
  }, [pathname]);

  // Widening the window turns the drawer into the fixed sidebar; the page must not stay inert behind it.
  useEffect(() => {
    const wide = matchMedia(WIDE_QUERY);
    const closeWhenWide = () => wide.matches && setIsDrawerOpen(false);
    wide.addEventListener("change", closeWhenWide);
    return () => wide.removeEventListener("change", closeWhenWide);
  }, []);

  useShortcut("new-chat", () => router.push("/"));
  useShortcut("help", () => setAreShortcutsShown(true));

  return (
    <div className="flex h-dvh overflow-hidden">
      <Sidebar
        user={user}
        isAdmin={isAdmin}
        isDrawerOpen={isDrawerOpen}
        onOpenDrawer={() => setIsDrawerOpen(true)}
        onCloseDrawer={closeDrawer}
        onShowShortcuts={() => setAreShortcutsShown(true)}
        onLeaveDeleted={keepDrawerOpen}
      />
      {/* On phones the sidebar's menu button is fixed at the top left: a page starts below it, unless its own top bar
          leaves it room (marked data-menu-room: the conversation header). */}
      <main
        inert={isDrawerOpen}
        className="flex min-w-0 flex-1 flex-col max-md:pt-12 max-md:has-[[data-menu-room]]:pt-0"
      >
        {children}
      </main>
      <ShortcutsDialog isOpen={areShortcutsShown} onClose={() => setAreShortcutsShown(false)} />
    </div>
  );
}
