"use client";

import type { ComponentProps, ReactNode } from "react";

// The app's buttons by what they do, so that the same kind of button looks the same everywhere.
const VARIANTS = {
  /** The main action of a page or a dialog. */
  primary: "bg-ink text-canvas rounded-full px-4 py-2 text-sm font-medium hover:opacity-90 disabled:opacity-50",
  /** The main action in a row of other controls. */
  primarySmall: "bg-ink text-canvas rounded-full px-4 py-1.5 text-sm font-medium hover:opacity-90 disabled:opacity-50",
  /** A secondary action on a card or a row: edit, disable, load. */
  bordered: "border-line hover:bg-hover rounded-lg border px-3 py-1.5 text-sm disabled:opacity-50",
  /** Like bordered, for what deletes or revokes. */
  danger: "border-line hover:bg-hover text-danger rounded-lg border px-3 py-1.5 text-sm disabled:opacity-50",
  /** A quiet action: Close, Cancel. */
  ghost: "hover:bg-hover rounded-full px-3.5 py-1.5 text-sm disabled:opacity-40",
  /** An icon with its label beside it on wide screens (the conversation header). */
  icon: "text-ink-muted hover:bg-hover hover:text-ink flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-sm",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

type ButtonProps = Omit<ComponentProps<"button">, "type"> & {
  variant: ButtonVariant;
  type?: "button" | "submit";
  /**
   * Its action runs: the button looks unavailable (aria-disabled) and a click (or Enter in its form) does nothing,
   * but it stays enabled, as `disabled` would drop the keyboard focus to the page just as the answer comes.
   */
  isPending?: boolean;
};

/** `className` places the button (self-start, ml-auto…); its look comes from the variant. */
export function Button({ variant, type = "button", className, isPending = false, onClick, ...props }: ButtonProps) {
  const look = `${VARIANTS[variant]} aria-disabled:opacity-50`;
  return (
    <button
      type={type}
      className={className ? `${look} ${className}` : look}
      aria-disabled={isPending || undefined}
      onClick={(event) => {
        if (isPending) event.preventDefault();
        else onClick?.(event);
      }}
      {...props}
    />
  );
}

/** The quiet Close (or Cancel) at the bottom right of a dialog. */
export function DialogCloseButton({
  label,
  onClick,
  className,
}: {
  label: string;
  onClick: () => void;
  className?: string;
}) {
  return (
    <div className={className ? `flex justify-end ${className}` : "flex justify-end"}>
      <Button variant="ghost" onClick={onClick}>
        {label}
      </Button>
    </div>
  );
}

type IconLabelButtonProps = {
  icon: ReactNode;
  label: string;
  /** The shorter word shown beside the icon, when the full label would not fit. */
  shortLabel?: string;
  onClick: () => void;
  opensDialog?: boolean;
};

/** An icon with its label beside it on wide screens; the label names the button on every screen. */
export function IconLabelButton({ icon, label, shortLabel, onClick, opensDialog = false }: IconLabelButtonProps) {
  return (
    <Button
      variant="icon"
      aria-label={label}
      title={label}
      aria-haspopup={opensDialog ? "dialog" : undefined}
      onClick={onClick}
    >
      {icon}
      <span className="hidden xl:inline">{shortLabel ?? label}</span>
    </Button>
  );
}
