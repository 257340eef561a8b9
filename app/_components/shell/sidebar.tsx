"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { SignOutButton } from "@/app/_components/auth";
import { ConversationList } from "@/app/_components/history";
import { CloseIcon, ComposeIcon, KeyboardIcon, MenuIcon, SettingsIcon, TeamsIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ThemePicker } from "./theme-picker";

type SidebarUser = { name: string; email: string };

type SidebarProps = {
  user: SidebarUser;
  isAdmin: boolean;
  // Below the md breakpoint the sidebar is a drawer over the page, opened with the menu button.
  isDrawerOpen: boolean;
  onOpenDrawer: () => void;
  onCloseDrawer: () => void;
  onShowShortcuts: () => void;
  /** The open conversation was deleted and its page is left: on a phone the drawer stays open on its Undo. */
  onLeaveDeleted: () => void;
};

export function Sidebar({
  user,
  isAdmin,
  isDrawerOpen,
  onOpenDrawer,
  onCloseDrawer,
  onShowShortcuts,
  onLeaveDeleted,
}: SidebarProps) {
  const { t } = useTranslator();
  const pathname = usePathname();
  // Open on a phone, the sidebar is a modal dialog over the page (which is inert meanwhile, see chat-shell.tsx).
  const drawerAttributes = { role: "dialog", "aria-modal": true, "aria-label": t("sidebar.label") } as const;
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);
  const wasOpenRef = useRef(false);
  const [noticeSlot, setNoticeSlot] = useState<HTMLDivElement | null>(null);

  // Focus moves into the drawer when it opens and back to the menu button when it closes.
  useEffect(() => {
    if (isDrawerOpen) closeButtonRef.current?.focus();
    else if (wasOpenRef.current) openButtonRef.current?.focus();
    wasOpenRef.current = isDrawerOpen;
  }, [isDrawerOpen]);

  useEffect(() => {
    if (!isDrawerOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && onCloseDrawer();
    window.addEventListener("keydown", closeOnEscape);
    return () => window.removeEventListener("keydown", closeOnEscape);
  }, [isDrawerOpen, onCloseDrawer]);

  return (
    <>
      {/* Opaque, over whatever scrolls beneath; pages leave it room at their top (chat-shell.tsx). */}
      <button
        ref={openButtonRef}
        type="button"
        aria-label={t("sidebar.open")}
        aria-expanded={isDrawerOpen}
        onClick={onOpenDrawer}
        className={`${isDrawerOpen ? "hidden" : "flex"} bg-canvas hover:bg-hover fixed top-1 left-2 z-30 size-10 items-center justify-center rounded-lg md:hidden`}
      >
        <MenuIcon />
      </button>
      {isDrawerOpen ? (
        <button
          type="button"
          aria-label={t("sidebar.close")}
          tabIndex={-1}
          onClick={onCloseDrawer}
          className="fixed inset-0 z-40 bg-black/40 md:hidden"
        />
      ) : null}
      <div
        {...(isDrawerOpen ? drawerAttributes : {})}
        className={`${isDrawerOpen ? "fixed inset-y-0 left-0 z-50 flex" : "hidden"} border-line bg-sidebar w-64 shrink-0 flex-col border-r md:static md:flex`}
      >
        <div className="flex items-center justify-between px-3 pt-3">
          <span className="px-2 text-lg font-semibold">Parley</span>
          {isDrawerOpen ? (
            <button
              ref={closeButtonRef}
              type="button"
              aria-label={t("sidebar.close")}
              onClick={onCloseDrawer}
              className="hover:bg-hover flex size-9 items-center justify-center rounded-lg md:hidden"
            >
              <CloseIcon />
            </button>
          ) : null}
        </div>
        {/* Following a link closes the drawer, even one to the page already shown (the path would not change). */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the links inside handle the keyboard; this only listens. */}
        <nav
          aria-label={t("sidebar.conversations")}
          onClick={(event) => (event.target as Element).closest("a") && onCloseDrawer()}
          className="flex min-h-0 flex-1 flex-col overflow-y-auto px-2 pt-2 pb-4"
        >
          <Link
            href="/"
            className={`hover:bg-hover flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium ${pathname === "/" ? "bg-hover" : ""}`}
            aria-current={pathname === "/" ? "page" : undefined}
          >
            <ComposeIcon width={18} height={18} />
            {t("sidebar.newChat")}
          </Link>
          <Link
            href="/teams"
            className={`hover:bg-hover flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium ${pathname.startsWith("/teams") ? "bg-hover" : ""}`}
            aria-current={pathname === "/teams" ? "page" : undefined}
          >
            <TeamsIcon width={18} height={18} />
            {t("teams.title")}
          </Link>
          <ConversationList noticeSlot={noticeSlot} onLeaveDeleted={onLeaveDeleted} />
        </nav>
        {/* The list's Undo notice: in the flow above the account, so that it covers nothing (the list gives way). */}
        <div ref={setNoticeSlot} className="px-2 pb-2 empty:hidden" />
        {isAdmin ? (
          <Link href="/admin" className="hover:bg-hover mx-2 mb-2 rounded-lg px-3 py-2 text-sm">
            {t("sidebar.adminConsole")}
          </Link>
        ) : null}
        <div className="border-line flex items-center justify-between gap-2 border-t px-3 pt-3">
          <ThemePicker />
          <button
            type="button"
            aria-label={t("sidebar.keyboardShortcuts")}
            aria-haspopup="dialog"
            onClick={onShowShortcuts}
            className="text-ink-muted hover:bg-hover hover:text-ink flex size-8 items-center justify-center rounded-lg"
          >
            <KeyboardIcon width={18} height={18} />
          </button>
        </div>
        <UserFooter user={user} />
      </div>
    </>
  );
}

function UserFooter({ user }: { user: SidebarUser }) {
  const { t } = useTranslator();
  const initial = (user.name.trim()[0] ?? user.email[0] ?? "?").toUpperCase();
  return (
    <div className="flex items-center gap-2 p-3">
      <span
        aria-hidden="true"
        className="bg-ink text-canvas flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold"
      >
        {initial}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{user.name}</p>
        <p className="text-ink-muted truncate text-xs">{user.email}</p>
      </div>
      <Link
        href="/settings"
        aria-label={t("sidebar.settings")}
        className="text-ink-muted hover:bg-hover hover:text-ink flex size-8 shrink-0 items-center justify-center rounded-lg"
      >
        <SettingsIcon width={18} height={18} />
      </Link>
      <SignOutButton />
    </div>
  );
}
