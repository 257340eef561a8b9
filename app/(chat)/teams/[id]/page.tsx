import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { InvitationForm } from "@/app/_components/teams/invitation-form";
import { InvitationList } from "@/app/_components/teams/invitation-list";
import { MemberActions } from "@/app/_components/teams/member-actions";
import { TeamHistory } from "@/app/_components/teams/team-history";
import { TeamSettings } from "@/app/_components/teams/team-settings";
import { PageSection } from "@/app/_components/ui/page-section";
import { getTranslator } from "@/app/_i18n/server";
import { parseId } from "@/lib/access/ids";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listTeamInvitations } from "@/lib/teams/invitations";
import { listTeamConversations, searchTeamConversations } from "@/lib/teams/team-history";
import { getTeamWithMembers } from "@/lib/teams/teams";

type TeamPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }>;
};

/** A team the caller cannot see is a page that does not exist, exactly like a team that does not. */
async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

// Once per request, for the page and its title alike.
const loadTeam = cache(async (id: string) => {
  const user = await requirePageUser();
  return loadOrNotFound(() => getTeamWithMembers(user, parseId(id)));
});

export async function generateMetadata({ params }: Pick<TeamPageProps, "params">): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadTeam(id)).name };
}

export default async function TeamPage({ params, searchParams }: TeamPageProps) {
  const user = await requirePageUser();
  const [{ id }, { q, cursor }] = await Promise.all([params, searchParams]);
  const team = await loadTeam(id);
  const isOwner = team.role === "OWNER";
  const ownerCount = team.members.filter((member) => member.role === "OWNER").length;
  const search = typeof q === "string" ? q.trim().slice(0, 200) : "";
  const [history, invitations, { t }] = await Promise.all([
    search
      ? searchTeamConversations(user, team.id, search).then((items) => ({ items, nextCursor: null }))
      : listTeamConversations(user, team.id, typeof cursor === "string" ? cursor : undefined).catch((error) => {
          // A mangled "older" link starts over at the newest page rather than failing the page.
          if (error instanceof AppError && error.code === "invalid_input") {
            return listTeamConversations(user, team.id, undefined);
          }
          throw error;
        }),
    isOwner ? listTeamInvitations(user, team.id) : [],
    getTranslator(),
  ]);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 py-8">
        <div>
          <p className="mb-1 text-sm">
            <Link href="/teams" className="text-ink-muted hover:text-ink underline underline-offset-4">
              {t("teams.title")}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{team.name}</h1>
          <p className="text-ink-muted text-sm">
            {t("teams.yourRole", { role: t(`teams.role.${team.role}`) })} ·{" "}
            {t("teams.memberCount", { count: team.members.length })}
          </p>
        </div>

        <TeamHistory teamId={team.id} canShare={team.role !== "VIEWER"} search={search} history={history} />

        <PageSection id="team-members" title={t("teams.members")}>
          <ul
            aria-label={t("teams.members")}
            className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border"
          >
            {team.members.map((member) => (
              <li key={member.userId} aria-label={member.name} className="flex flex-wrap items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">
                    {member.name}
                    {member.userId === user.id ? (
                      <span className="text-ink-muted font-normal"> ({t("message.you")})</span>
                    ) : null}
                  </p>
                  {member.email ? <p className="text-ink-muted truncate text-sm">{member.email}</p> : null}
                </div>
                <MemberActions
                  team={{ id: team.id, name: team.name }}
                  member={member}
                  isSelf={member.userId === user.id}
                  canManage={isOwner}
                  isLastOwner={member.role === "OWNER" && ownerCount === 1}
                />
              </li>
            ))}
          </ul>
        </PageSection>

        {isOwner ? (
          <PageSection id="team-invitations" title={t("teams.invitations")}>
            <div className="border-line rounded-2xl border p-5">
              <p className="text-ink-muted mb-4 text-sm">{t("teams.invitationsIntro")}</p>
              <InvitationForm teamId={team.id} listedIds={invitations.map((invitation) => invitation.id)} />
            </div>
            <InvitationList teamId={team.id} invitations={invitations} />
          </PageSection>
        ) : null}

        {isOwner ? (
          <PageSection id="team-settings" title={t("teams.settings")}>
            <div className="border-line rounded-2xl border p-5">
              <TeamSettings team={{ id: team.id, name: team.name }} />
            </div>
          </PageSection>
        ) : null}
      </div>
    </div>
  );
}
