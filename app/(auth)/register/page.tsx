import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/app/_components/auth/register-form";
import { Notice } from "@/app/_components/ui/notice";
import { getTranslator } from "@/app/_i18n/server";
import { isRegistrationClosedTo } from "@/lib/auth/registration-policy";
import { parseToken } from "@/lib/auth/secret-tokens";
import { getSessionUser } from "@/lib/auth/session";
import { isPasswordSignInEnabled } from "@/lib/sso/password-sign-in";
import { invitationPath, previewInvitation } from "@/lib/teams/invitations";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("register.title") };
}

type RegisterPageProps = { searchParams: Promise<{ invitation?: string | string[] }> };

/** The invitation the visitor came with, if it can still be used; a stale one just means a plain registration. */
async function findInvitation(token: string | string[] | undefined) {
  if (typeof token !== "string") return null;
  try {
    return { token, ...(await previewInvitation(parseToken(token))) };
  } catch {
    return null;
  }
}

export default async function RegisterPage({ searchParams }: RegisterPageProps) {
  const invitation = await findInvitation((await searchParams).invitation);
  if (await getSessionUser()) redirect(invitation ? invitationPath(invitation.token) : "/");
  const { t } = await getTranslator();
  if (!(await isPasswordSignInEnabled())) return <SingleSignOnOnly invitationToken={invitation?.token ?? null} />;
  if (await isRegistrationClosedTo(invitation !== null)) return <RegistrationClosed />;
  return (
    <>
      <h1 className="mb-6 text-center text-xl font-semibold">{t("register.heading")}</h1>
      {invitation ? (
        <p className="border-line bg-sidebar mb-4 rounded-xl border px-3.5 py-2.5 text-sm">
          {t("invite.registerNote", { team: invitation.teamName, role: t(`teams.role.${invitation.role}`) })}
        </p>
      ) : null}
      <RegisterForm invitation={invitation?.token} />
    </>
  );
}

/** Why this page registers nobody, with the way to sign in instead. */
async function SignInInstead({ title, text, href }: { title: string; text: string; href: string }) {
  const { t } = await getTranslator();
  return (
    <Notice look="card" title={title} text={text}>
      <Link href={href} className="bg-ink text-canvas rounded-xl px-4 py-2.5 font-medium hover:opacity-90">
        {t("register.closedSignIn")}
      </Link>
    </Notice>
  );
}

/** Password sign-in is off: an account registered with a password could never sign in, so none is offered. */
async function SingleSignOnOnly({ invitationToken }: { invitationToken: string | null }) {
  const { t } = await getTranslator();
  const href = invitationToken
    ? `/sign-in?callbackUrl=${encodeURIComponent(invitationPath(invitationToken))}`
    : "/sign-in";
  return <SignInInstead title={t("register.ssoOnlyHeading")} text={t("register.ssoOnlyText")} href={href} />;
}

async function RegistrationClosed() {
  const { t } = await getTranslator();
  return <SignInInstead title={t("register.closedHeading")} text={t("register.closedText")} href="/sign-in" />;
}
