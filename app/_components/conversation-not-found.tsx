import Link from "next/link";

export function ConversationNotFound() {
  return (
    <div className="m-auto flex max-w-md flex-col items-center gap-4 px-4 text-center">
      <h1 className="font-semibold text-2xl">Conversation not found</h1>
      <p className="text-ink-muted">It may have been deleted, or it belongs to someone else.</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        Back to home
      </Link>
    </div>
  );
}
