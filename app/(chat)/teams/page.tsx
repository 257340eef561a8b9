import type { Metadata } from "next";
import Link from "next/link";
import { CreateTeamForm } from "@/app/_components/teams/create-team-form";
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
          <h1 className="mb-2 font-semibold text-2xl">{t("teams.title")}</h1>
          <p className="text-ink-muted text-sm">{t("teams.intro")}</p>
        </div>
        <section aria-labelledby="your-teams" className="flex flex-col gap-4">
          <h2 id="your-teams" className="font-medium text-lg">
            {t("teams.yourTeams")}
          </h2>
          {teams.length === 0 ? (
            <p className="text-ink-muted text-sm">{t("teams.none")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-line rounded-2xl border border-line bg-canvas">
              {teams.map((team) => (
                <li key={team.id}>
                  <Link href={`/teams/${team.id}`} className="flex items-center gap-3 px-5 py-3 hover:bg-hover">
                    <span className="min-w-0 flex-1 truncate font-medium">{team.name}</span>
                    <span className="text-ink-muted text-sm">
                      {t(`teams.role.${team.role}`)} · {t("teams.memberCount", { count: team.memberCount })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="create-team" className="flex flex-col gap-4">
          <h2 id="create-team" className="font-medium text-lg">
            {t("teams.create.heading")}
          </h2>
          <div className="rounded-2xl border border-line p-5">
            <CreateTeamForm />
          </div>
        </section>
      </div>
    </div>
  );
}
