import Link from "next/link";

type NotFoundMessageProps = { title: string; text: string; homeLabel: string };

// What a missing page says, wherever it is missing: a title, one line of explanation and the way home.
export function NotFoundMessage({ title, text, homeLabel }: NotFoundMessageProps) {
  return (
    <div className="m-auto flex max-w-md flex-col items-center gap-4 px-4 text-center">
      <h1 className="font-semibold text-2xl">{title}</h1>
      <p className="text-ink-muted">{text}</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        {homeLabel}
      </Link>
    </div>
  );
}
