import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="font-semibold text-2xl">Page not found</h1>
      <p className="text-ink-muted">The page you are looking for does not exist.</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        Back to home
      </Link>
    </main>
  );
}
