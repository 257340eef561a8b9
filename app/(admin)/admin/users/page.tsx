import type { Metadata } from "next";
import { AttachmentLimitsForm } from "@/app/_components/admin/attachment-limits-form";
import { PublicShareLinksForm } from "@/app/_components/admin/public-share-links-form";
import { RegistrationPolicyForm } from "@/app/_components/admin/registration-policy-form";
import { ReplyStreamLimitForm } from "@/app/_components/admin/reply-stream-limit-form";
import { SsoProvidersSection } from "@/app/_components/admin/sso-providers-section";
import { UserActions } from "@/app/_components/admin/user-actions";
import { PageSection } from "@/app/_components/ui/page-section";
import { SearchForm } from "@/app/_components/ui/search-form";
import { getTranslator } from "@/app/_i18n/server";
import { getAttachmentLimits } from "@/lib/attachments/attachment-limits";
import { getRegistrationPolicy } from "@/lib/auth/registration-policy";
import { requirePageAdmin } from "@/lib/auth/session";
import { searchUsers } from "@/lib/auth/user-admin";
import { getReplyStreamLimit, MAX_REPLY_STREAMS_PER_USER } from "@/lib/chat/reply-stream-limit";
import { listAllTeams } from "@/lib/db/team-conversations";
import { publicSiteUrl } from "@/lib/env";
import { arePublicShareLinksEnabled } from "@/lib/share-links/public-share-links";
import { isPasswordSignInEnabled } from "@/lib/sso/password-sign-in";
import { listProviders } from "@/lib/sso/sso-admin";
import { listLinkableProviders } from "@/lib/sso/sso-buttons";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.users") };
}

const statusLabelKeys = {
  ACTIVE: "admin.user.active",
  PENDING: "waiting.title",
  DISABLED: "admin.user.disabled",
} as const;

type UsersPageProps = { searchParams: Promise<{ q?: string | string[] }> };

export default async function UsersPage({ searchParams }: UsersPageProps) {
  // Checked by the page itself, not only by the layout: see the models page.
  const admin = await requirePageAdmin();
  const { q } = await searchParams;
  // NUL cannot reach PostgreSQL (the API refuses it with 400); here it is dropped from the search box.
  const search = typeof q === "string" ? q.replaceAll("\0", "").trim().slice(0, 200) : "";
  const [
    { items, hasMore },
    registration,
    publicShareLinksEnabled,
    replyStreamLimit,
    { t, formatDate },
    ssoProviders,
    teams,
    attachmentLimits,
    passwordSignInEnabled,
    ownProviders,
  ] = await Promise.all([
    searchUsers({ q: search }),
    getRegistrationPolicy(),
    arePublicShareLinksEnabled(),
    getReplyStreamLimit(),
    getTranslator(),
    listProviders(),
    listAllTeams(),
    getAttachmentLimits(),
    isPasswordSignInEnabled(),
    listLinkableProviders(admin.id),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold">{t("admin.users")}</h1>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <RegistrationPolicyForm policy={registration.policy} source={registration.source} />
      </section>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <PublicShareLinksForm enabled={publicShareLinksEnabled} />
      </section>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <ReplyStreamLimitForm limit={replyStreamLimit} max={MAX_REPLY_STREAMS_PER_USER} />
      </section>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <AttachmentLimitsForm limits={attachmentLimits} />
      </section>
      <section className="border-line bg-canvas rounded-2xl border p-5">
        <SsoProvidersSection
          providers={ssoProviders}
          teams={teams.map(({ id, name }) => ({ id, name }))}
          callbackBase={`${publicSiteUrl()}/api/auth/callback`}
          isPasswordSignInEnabled={passwordSignInEnabled}
          canSignInWithProvider={ownProviders.some((provider) => provider.isLinked)}
        />
      </section>
      <PageSection id="accounts" title={t("admin.user.accounts")}>
        <SearchForm
          defaultValue={search}
          label={t("admin.user.searchLabel")}
          placeholder={t("admin.user.searchPlaceholder")}
          submitLabel={t("conversations.searchPlaceholder")}
        />
        {items.length === 0 ? <p className="text-ink-muted text-sm">{t("admin.user.noMatch")}</p> : null}
        <ul
          className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border"
          aria-label={t("admin.users")}
        >
          {items.map((user) => (
            <li key={user.id} aria-label={user.email} className="flex flex-wrap items-center gap-3 px-5 py-3">
              <div className="min-w-0 flex-1">
                {/* The email on its own line, whole: a name is what anyone typed, and a long one must not push the
                    email out of view and pass for another account. */}
                <p className="truncate font-medium" title={user.name}>
                  {user.name}
                </p>
                <p className="text-ink-muted text-sm break-all">{user.email}</p>
                <p className="text-ink-muted text-sm">
                  {t("admin.user.summary", {
                    role: t(user.role === "ADMIN" ? "admin.user.roleAdmin" : "admin.user.roleUser"),
                    status: t(statusLabelKeys[user.status]),
                    since: formatDate(user.createdAt, { dateStyle: "medium" }),
                  })}
                </p>
              </div>
              {user.id === admin.id ? (
                <span className="text-ink-muted text-sm">{t("message.you")}</span>
              ) : (
                <UserActions user={user} />
              )}
            </li>
          ))}
        </ul>
        {hasMore ? <p className="text-ink-muted text-sm">{t("admin.user.firstHundred")}</p> : null}
      </PageSection>
    </div>
  );
}
