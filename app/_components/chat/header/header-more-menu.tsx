"use client";

import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { MoreIcon } from "@/app/_components/ui/icons";
import { useDismiss } from "@/app/_components/ui/use-dismiss";
import { useTranslator } from "@/app/_i18n/translator-provider";

// An entry of the menu: a button that runs `onSelect`, or a download link.
export type MoreMenuItem =
  | { key: string; label: string; onSelect: () => void }
  | { key: string; label: string; href: string };

const ITEM_CLASS = "block w-full rounded-lg px-3 py-2.5 text-left text-sm hover:bg-hover focus-visible:bg-hover";

/**
 * "More" in the conversation header on phones: the header's controls, which do not fit beside the title, as a
 * menu (WAI-ARIA menu button: arrows move, Escape closes and gives the focus back).
 */
export function HeaderMoreMenu({ items, className = "" }: { items: MoreMenuItem[]; className?: string }) {
  const { t } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(containerRef, isOpen, close);

  useEffect(() => {
    if (isOpen) focusItem(menuRef.current, 1);
  }, [isOpen]);

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusItem(event.currentTarget, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape" || event.key === "Tab") {
      close();
      buttonRef.current?.focus();
    }
  }

  function select(item: MoreMenuItem): void {
    close();
    if ("onSelect" in item) item.onSelect();
  }

  if (items.length === 0) return null;
  return (
    <div ref={containerRef} className={`relative ${className}`}>
      <button
        ref={buttonRef}
        type="button"
        aria-label={t("header.more")}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        onClick={() => setIsOpen((current) => !current)}
        className="text-ink-muted hover:bg-hover hover:text-ink flex size-9 shrink-0 items-center justify-center rounded-lg"
      >
        <MoreIcon />
      </button>
      {isOpen ? (
        <div
          id={menuId}
          role="menu"
          aria-label={t("header.more")}
          onKeyDown={handleMenuKeyDown}
          ref={menuRef}
          className="border-line bg-canvas absolute right-0 z-20 mt-1 w-60 rounded-xl border p-1 shadow-lg"
        >
          {items.map((item) => (
            <MenuEntry key={item.key} item={item} onSelect={() => select(item)} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function focusItem(menu: HTMLElement | null, step: number): void {
  const entries = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const current = entries.indexOf(document.activeElement as HTMLElement);
  entries.at((Math.max(current, -1) + step) % entries.length)?.focus();
}

function MenuEntry({ item, onSelect }: { item: MoreMenuItem; onSelect: () => void }): ReactNode {
  if ("href" in item) {
    return (
      <a role="menuitem" href={item.href} download onClick={onSelect} className={ITEM_CLASS}>
        {item.label}
      </a>
    );
  }
  return (
    <button type="button" role="menuitem" onClick={onSelect} className={ITEM_CLASS}>
      {item.label}
    </button>
  );
}
