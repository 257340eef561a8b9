import Link from "next/link";
import { searchResultHref, shownTitle } from "@/app/_components/history";
import { PageSection } from "@/app/_components/ui/page-section";
import { SearchForm } from "@/app/_components/ui/search-form";
import { getTranslator } from "@/app/_i18n/server";
import type { SearchHit } from "@/lib/db/conversation-search";
import type { TeamHistoryItem } from "@/lib/db/team-history";

type TeamHistoryProps = {
  teamId: string;
  /** Whether the reader may share with the team (owners and editors): viewers are not asked to. */
  canShare: boolean;
  search: string;
  history: { items: (TeamHistoryItem | Omit<SearchHit, "pinnedAt">)[]; nextCursor: string | null };
};

// The team's conversations, or those matching the search: a plain GET form, so the results have an address.
export async function TeamHistory({ teamId, canShare, search, history }: TeamHistoryProps) {
  const { t, formatDate } = await getTranslator();
  return (
    <PageSection id="team-history" title={t("teams.history")}>
      <SearchForm
        defaultValue={search}
        label={t("teams.searchLabel")}
        placeholder={t("teams.searchLabel")}
        submitLabel={t("teams.searchSubmit")}
      />
      {search ? (
        <p className="text-sm">
          <Link href={`/teams/${teamId}`} className="text-ink-muted hover:text-ink underline underline-offset-4">
            {t("teams.searchClear")}
          </Link>
        </p>
      ) : null}
      {history.items.length === 0 ? (
        <p className="text-ink-muted text-sm">
          {search ? t("teams.searchNoMatch") : t(canShare ? "teams.historyEmpty" : "teams.historyEmptyForViewer")}
        </p>
      ) : (
        <ul
          aria-label={t("teams.history")}
          className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border"
        >
          {history.items.map((conversation) => (
            <li key={conversation.id}>
              <Link href={searchResultHref(conversation)} className="hover:bg-hover block px-5 py-3">
                <span className="block truncate font-medium">{shownTitle(conversation.title, t)}</span>
                <span className="text-ink-muted block text-sm">
                  {"ownerName" in conversation
                    ? `${t("teams.byOwner", { name: conversation.ownerName ?? t("teams.formerMember") })} · `
                    : null}
                  {formatDate(conversation.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
                </span>
                {"snippet" in conversation && conversation.snippet ? (
                  <span className="text-ink-muted mt-0.5 line-clamp-2 block text-sm break-words">
                    {conversation.snippet}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {history.nextCursor ? (
        <Link
          href={`/teams/${teamId}?cursor=${encodeURIComponent(history.nextCursor)}`}
          className="self-start text-sm underline underline-offset-4"
        >
          {t("teams.older")}
        </Link>
      ) : null}
    </PageSection>
  );
}
