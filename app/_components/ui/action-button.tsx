"use client";

// A small bordered button for an action on a card or a row (edit, disable, remove).
type ActionButtonProps = { onClick: () => void; disabled?: boolean; isDanger?: boolean; children: string };

export function ActionButton({ onClick, disabled, isDanger, children }: ActionButtonProps) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`border-line hover:bg-hover rounded-lg border px-3 py-1.5 text-sm disabled:opacity-50 ${isDanger ? "text-danger" : ""}`}
    >
      {children}
    </button>
  );
}
