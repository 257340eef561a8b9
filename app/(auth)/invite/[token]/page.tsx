import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JoinTeamButton } from "@/app/_components/teams/join-team-button";
import { getTranslator } from "@/app/_i18n/server";
import { parseToken } from "@/lib/auth/secret-tokens";
import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { invitationPath, previewInvitation } from "@/lib/teams/invitations";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  // The link is a secret: the page is kept out of search engines and does not leak its address to other sites.
  return { title: t("invite.title"), robots: { index: false }, referrer: "no-referrer" };
}

async function previewOrNotFound(token: string) {
  try {
    return await previewInvitation(parseToken(token));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

// Open to everyone with the link: signed out, it offers to sign in or register and come back; signed in, to join.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user, { t, formatDate }] = await Promise.all([
    previewOrNotFound(token),
    getSessionUser(),
    getTranslator(),
  ]);
  const values = {
    team: invitation.teamName,
    role: t(`teams.role.${invitation.role}`),
    date: formatDate(invitation.expiresAt, { dateStyle: "long" }),
  };
  const returnPath = invitationPath(token);
  return (
    <div className="flex flex-col gap-5 text-center">
      <h1 className="text-xl font-semibold">{t("invite.heading", values)}</h1>
      <p className="text-ink-muted text-sm">{t("invite.text", values)}</p>
      {user ? (
        <JoinTeamButton token={token} teamName={invitation.teamName} />
      ) : (
        <div className="flex flex-col gap-3">
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(returnPath)}`}
            className="bg-ink text-canvas rounded-xl px-4 py-2.5 font-medium hover:opacity-90"
          >
            {t("invite.signIn")}
          </Link>
          <Link
            href={`/register?invitation=${encodeURIComponent(token)}`}
            className="border-line hover:bg-hover rounded-xl border px-4 py-2.5 font-medium"
          >
            {t("invite.register")}
          </Link>
        </div>
      )}
    </div>
  );
}
