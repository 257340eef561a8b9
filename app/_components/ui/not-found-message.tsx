import Link from "next/link";
import { Notice } from "./notice";

type NotFoundMessageProps = { title: string; text: string; homeLabel: string };

// What a missing page says, wherever it is missing: a title, one line of explanation and the way home.
export function NotFoundMessage({ title, text, homeLabel }: NotFoundMessageProps) {
  return (
    <Notice title={title} text={text} look="page">
      <Link href="/" className="bg-ink text-canvas rounded-full px-4 py-2 text-sm font-medium hover:opacity-90">
        {homeLabel}
      </Link>
    </Notice>
  );
}
