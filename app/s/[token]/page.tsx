import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { ContinueAsCopyButton } from "@/app/_components/share-links/continue-as-copy-button";
import { SharedMessageView } from "@/app/_components/share-links/shared-message-view";
import { getTranslator } from "@/app/_i18n/server";
import { getSessionUser } from "@/lib/auth/session";
import { getSharedSnapshot } from "@/lib/share-links/shared-snapshot";

// The page and its metadata read the same snapshot once per request.
const loadSnapshot = cache(getSharedSnapshot);

type SharedPageProps = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: SharedPageProps): Promise<Metadata> {
  const { token } = await params;
  const [snapshot, { t }] = await Promise.all([loadSnapshot(token), getTranslator()]);
  return { title: snapshot?.title ?? t("share.page.unavailable"), robots: { index: false, follow: false } };
}

// Public: no sign-in needed. What it shows is the snapshot's title and each message's role and text, nothing
// else (its headers, noindex and no referrer, are set in next.config.js).
export default async function SharedConversationPage({ params }: SharedPageProps) {
  // Rendered for every request, never from a cache: a revoked or expired link is gone at once.
  await connection();
  const { token } = await params;
  const [snapshot, user, { t }] = await Promise.all([loadSnapshot(token), getSessionUser(), getTranslator()]);
  if (!snapshot) notFound();
  const signInUrl = `/sign-in?callbackUrl=${encodeURIComponent(`/s/${token}`)}`;
  return (
    <div className="min-h-dvh">
      <header className="border-line border-b">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Parley
          </Link>
          <span className="text-ink-muted text-sm">{t("share.page.label")}</span>
        </div>
      </header>
      <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold">{snapshot.title}</h1>
          <p className="text-ink-muted mt-1 text-sm">{t("share.page.note")}</p>
        </div>
        <section aria-label={t("thread.messages")} className="flex flex-col gap-6">
          {snapshot.messages.map((message, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a snapshot never changes; its ids are not shown.
            <SharedMessageView key={index} message={message} token={token} />
          ))}
        </section>
        <footer className="border-line flex flex-col items-center gap-2 border-t pt-6 text-center">
          {user?.status === "ACTIVE" ? (
            <ContinueAsCopyButton token={token} />
          ) : (
            <Link
              href={signInUrl}
              className="bg-ink text-canvas rounded-full px-4 py-2 text-sm font-medium hover:opacity-90"
            >
              {t("share.page.signInToContinue")}
            </Link>
          )}
          <p className="text-ink-muted text-xs">{t("share.page.copyHint")}</p>
        </footer>
      </main>
    </div>
  );
}
