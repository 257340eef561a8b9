"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ChevronRightIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { shownTitle } from "./shown-title";
import { type SharedTeam, useSharedConversations } from "./use-shared-conversations";

// The teams whose part of the list is folded, kept in this browser across visits.
const COLLAPSED_KEY = "parley:sidebar-collapsed-teams";

function readCollapsed(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

function saveCollapsed(ids: string[]): void {
  try {
    localStorage.setItem(COLLAPSED_KEY, JSON.stringify(ids));
  } catch {
    // Storage may be unavailable (private mode, quota): the choice then lasts for this page only.
  }
}

// "Shared with me" in the sidebar: one foldable part per team, with what its other members shared.
export function SharedConversations({ currentPath }: { currentPath: string }) {
  const { t } = useTranslator();
  const teams = useSharedConversations();
  const [collapsed, setCollapsed] = useState<string[]>([]);

  // Read after mounting: the server cannot know this browser's choice, and the first render must match its HTML.
  useEffect(() => setCollapsed(readCollapsed()), []);

  function toggle(teamId: string): void {
    const next = collapsed.includes(teamId) ? collapsed.filter((id) => id !== teamId) : [...collapsed, teamId];
    setCollapsed(next);
    saveCollapsed(next);
  }

  if (teams.length === 0) return null;
  return (
    <section aria-label={t("shared.heading")}>
      <h2 className="text-ink-muted px-3 pt-4 pb-1 text-xs font-medium">{t("shared.heading")}</h2>
      {teams.map((team) => (
        <TeamPart
          key={team.id}
          team={team}
          isCollapsed={collapsed.includes(team.id)}
          onToggle={() => toggle(team.id)}
          currentPath={currentPath}
        />
      ))}
    </section>
  );
}

type TeamPartProps = { team: SharedTeam; isCollapsed: boolean; onToggle: () => void; currentPath: string };

function TeamPart({ team, isCollapsed, onToggle, currentPath }: TeamPartProps) {
  const { t } = useTranslator();
  const listId = `shared-${team.id}`;
  return (
    <div>
      <button
        type="button"
        aria-expanded={!isCollapsed}
        aria-controls={listId}
        onClick={onToggle}
        className="hover:bg-hover flex w-full items-center gap-1 rounded-lg px-2 py-1.5 text-left text-sm"
      >
        <ChevronRightIcon
          width={14}
          height={14}
          className={`text-ink-muted shrink-0 transition-transform ${isCollapsed ? "" : "rotate-90"}`}
        />
        <span className="truncate font-medium">{team.name}</span>
      </button>
      <ul id={listId} hidden={isCollapsed} aria-label={team.name} className="flex flex-col gap-0.5">
        {team.conversations.map((conversation) => {
          const href = `/c/${conversation.id}`;
          const owner = conversation.ownerName ?? t("teams.formerMember");
          return (
            <li key={conversation.id}>
              <Link
                href={href}
                aria-current={currentPath === href ? "page" : undefined}
                title={`${shownTitle(conversation.title, t)} · ${t("teams.byOwner", { name: owner })}`}
                className={`hover:bg-hover block truncate rounded-lg py-2 pr-3 pl-7 text-sm ${currentPath === href ? "bg-hover" : ""}`}
              >
                {shownTitle(conversation.title, t)}
              </Link>
            </li>
          );
        })}
        {team.hasMore ? (
          <li>
            <Link
              href={`/teams/${team.id}`}
              className="text-ink-muted hover:bg-hover hover:text-ink block rounded-lg py-1.5 pr-3 pl-7 text-xs"
            >
              {t("shared.allOfTeam", { team: team.name })}
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
