// Marks a reply that came from an imported file, in the chat and on share pages: anyone can write such a file, so
// without the mark a shared page could pass a user's own words off as the model's.
export function ImportedBadge({ label, hint }: { label: string; hint: string }) {
  return (
    <span
      title={hint}
      className="border-line text-ink-muted mb-2 inline-block rounded-full border px-2.5 py-0.5 text-xs"
    >
      {label}
    </span>
  );
}
