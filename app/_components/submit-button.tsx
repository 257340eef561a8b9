type SubmitButtonProps = { label: string; isPending: boolean };

// The label stays the same while pending (a spinner shows progress), so the button keeps its accessible name.
export function SubmitButton({ label, isPending }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      disabled={isPending}
      aria-busy={isPending}
      className="mt-2 flex items-center justify-center gap-2 rounded-xl bg-ink px-4 py-2.5 font-medium text-canvas hover:opacity-90 disabled:opacity-60"
    >
      {isPending ? (
        <span
          aria-hidden="true"
          className="size-4 animate-spin rounded-full border-2 border-canvas/40 border-t-canvas motion-reduce:animate-none"
        />
      ) : null}
      {label}
    </button>
  );
}
