type SubmitButtonProps = { label: string; isPending: boolean };

// The label stays the same while pending (a spinner shows progress), so the button keeps its accessible name. Nor
// is it disabled then: a disabled button drops the keyboard focus to the page. It is marked aria-disabled and a
// click on it submits nothing (Enter in a field of the form clicks it too).
export function SubmitButton({ label, isPending }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      aria-disabled={isPending || undefined}
      aria-busy={isPending}
      onClick={(event) => {
        if (isPending) event.preventDefault();
      }}
      className="bg-ink text-canvas mt-2 flex items-center justify-center gap-2 rounded-xl px-4 py-2.5 font-medium hover:opacity-90 aria-disabled:opacity-60"
    >
      {isPending ? (
        <span
          aria-hidden="true"
          className="border-canvas/40 border-t-canvas size-4 animate-spin rounded-full border-2 motion-reduce:animate-none"
        />
      ) : null}
      {label}
    </button>
  );
}

type SaveButtonProps = SubmitButtonProps & { isSaved: boolean; savedLabel: string };

/** A settings form's submit button, with a status beside it once the change is saved. */
export function SaveButton({ label, isPending, isSaved, savedLabel }: SaveButtonProps) {
  return (
    <div className="flex items-center gap-3">
      <SubmitButton label={label} isPending={isPending} />
      {isSaved ? (
        <p role="status" className="text-ink-muted mt-2 text-sm">
          {savedLabel}
        </p>
      ) : null}
    </div>
  );
}
