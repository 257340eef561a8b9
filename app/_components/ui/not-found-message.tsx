import Link from "next/link";

type NotFoundMessageProps = { title: string; text: string; homeLabel: string };

// What a missing page says, wherever it is missing: a title, one line of explanation and the way home.
export function NotFoundMessage({ title, text, homeLabel }: NotFoundMessageProps) {
  return (
    <div className="m-auto flex max-w-md flex-col items-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-ink-muted">{text}</p>
      <Link href="/" className="bg-ink text-canvas rounded-full px-4 py-2 text-sm font-medium hover:opacity-90">
        {homeLabel}
      </Link>
    </div>
  );
}
