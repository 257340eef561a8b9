import type { Metadata } from "next";
import Link from "next/link";
import { CreateTeamForm } from "@/app/_components/teams/create-team-form";
import { PageSection } from "@/app/_components/ui/page-section";
import { getTranslator } from "@/app/_i18n/server";
import { requirePageUser } from "@/lib/auth/session";
import { listMyTeams } from "@/lib/teams/teams";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("teams.title") };
}

export default async function TeamsPage() {
  const user = await requirePageUser();
  const [teams, { t }] = await Promise.all([listMyTeams(user), getTranslator()]);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-8 px-4 py-8">
        <div>
          <h1 className="mb-2 text-2xl font-semibold">{t("teams.title")}</h1>
          <p className="text-ink-muted text-sm">{t("teams.intro")}</p>
        </div>
        <PageSection id="your-teams" title={t("teams.yourTeams")}>
          {teams.length === 0 ? (
            <p className="text-ink-muted text-sm">{t("teams.none")}</p>
          ) : (
            <ul className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border">
              {teams.map((team) => (
                <li key={team.id}>
                  <Link href={`/teams/${team.id}`} className="hover:bg-hover flex items-center gap-3 px-5 py-3">
                    <span className="min-w-0 flex-1 truncate font-medium">{team.name}</span>
                    <span className="text-ink-muted text-sm">
                      {t(`teams.role.${team.role}`)} · {t("teams.memberCount", { count: team.memberCount })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </PageSection>
        <PageSection id="create-team" title={t("teams.create.heading")}>
          <div className="border-line rounded-2xl border p-5">
            <CreateTeamForm />
          </div>
        </PageSection>
      </div>
    </div>
  );
}
