import type { Metadata } from "next";
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { isMessageKey } from "@/app/_i18n/messages-en";
import { getTranslator } from "@/app/_i18n/server";
import type { Translator } from "@/app/_i18n/translator";
import { type AuditQuery, auditQuerySchema, queryAuditLog } from "@/lib/audit/audit-query";
import { requirePageAdmin } from "@/lib/auth/session";
import { auditActions } from "@/lib/db/audit";
import type { AuditParty } from "@/lib/db/audit-names";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.auditLog") };
}

type AuditLogPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

type Change = { field: string; before: string; after: string };

function formatValue(value: unknown): string {
  if (value === undefined) return "–";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** The fields an entry changed, each with its value before and after. */
function describeChanges(before: unknown, after: unknown): Change[] {
  const asRecord = (value: unknown) =>
    value && typeof value === "object" ? (value as Record<string, unknown>) : ({} as Record<string, unknown>);
  const [old, next] = [asRecord(before), asRecord(after)];
  return [...new Set([...Object.keys(old), ...Object.keys(next)])]
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(next[field]))
    .map((field) => ({ field, before: formatValue(old[field]), after: formatValue(next[field]) }));
}

// Stand-ins put into the translated sentence, where the named parties (elements, not text) then go.
const TARGET = "⟦target⟧";
const ACTOR = "⟦actor⟧";

function fillWithParties(sentence: string, parties: Record<string, ReactNode>): ReactNode[] {
  return (
    sentence
      .split(/(⟦\w+⟧)/)
      .filter((part) => part !== "")
      // Each part appears once in a sentence: the text between two stand-ins, or a stand-in.
      .map((part) => <Fragment key={part}>{parties[part] ?? part}</Fragment>)
  );
}

/** An action in the admin's words; one this version does not know (an older entry's) as it was recorded. */
function describeAction(action: string, t: Translator["t"]): string {
  const key = `admin.audit.actions.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** "Ada Lovelace (ada@example.com)", or whichever of the two is known; the id on hover. */
function PartyName({ party }: { party: AuditParty }) {
  const label =
    party.name && party.email ? `${party.name} (${party.email})` : (party.name ?? party.email ?? party.id ?? "?");
  return (
    <span title={party.id ?? undefined} className="font-medium">
      {label}
    </span>
  );
}

function pageLink(query: AuditQuery, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, cursor })) if (value) params.set(key, value);
  return `/admin/audit-log?${params}`;
}

export default async function AuditLogPage({ searchParams }: AuditLogPageProps) {
  // Checked by the page itself: a layout renders in parallel with its page, so its check alone would not keep
  // the page's data out of the response.
  await requirePageAdmin();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const page = parsed.success ? await queryAuditLog(query).catch(() => null) : null;
  const { t, formatDate } = await getTranslator();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("admin.auditLog")}</h1>
      <form
        className="border-line bg-canvas grid gap-3 rounded-2xl border p-4 sm:grid-cols-5"
        aria-label={t("admin.audit.filter")}
      >
        <FilterField label={t("admin.audit.actor")} name="actor" defaultValue={query.actor} />
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("admin.audit.action")}</span>
          <select
            name="action"
            defaultValue={query.action ?? ""}
            className="border-line bg-canvas rounded-lg border px-2 py-1.5"
          >
            <option value="">{t("admin.audit.anyAction")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {describeAction(action, t)}
              </option>
            ))}
          </select>
        </label>
        <FilterField label={t("admin.audit.from")} name="from" type="date" defaultValue={query.from} />
        <FilterField label={t("admin.audit.to")} name="to" type="date" defaultValue={query.to} />
        <button type="submit" className="bg-ink text-canvas self-end rounded-lg px-4 py-2 text-sm font-medium">
          {t("admin.audit.filter")}
        </button>
      </form>
      {page === null ? (
        <p role="alert" className="text-danger text-sm">
          {t("admin.audit.invalidFilters")}
        </p>
      ) : page.items.length === 0 ? (
        <p className="text-ink-muted text-sm">{t("admin.audit.noMatch")}</p>
      ) : (
        <ol
          className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border"
          aria-label={t("admin.audit.entries")}
        >
          {page.items.map((entry) => (
            <li key={entry.id} className="flex flex-col gap-1 px-5 py-3 text-sm">
              <p>
                <span className="font-medium">{describeAction(entry.action, t)}</span>{" "}
                {fillWithParties(t("admin.audit.target", { type: entry.targetType, id: TARGET, actor: ACTOR }), {
                  [TARGET]: <PartyName party={entry.target} />,
                  [ACTOR]: <PartyName party={entry.actor} />,
                })}
              </p>
              <p className="text-ink-muted text-xs">
                <time dateTime={entry.createdAt.toISOString()}>
                  {formatDate(entry.createdAt, { dateStyle: "medium", timeStyle: "long", timeZone: "UTC" })}
                </time>
              </p>
              <ul className="text-xs">
                {describeChanges(entry.before, entry.after).map((change) => (
                  <li key={change.field} className="break-all">
                    <span className="font-medium">{change.field}</span>: {change.before} → {change.after}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {page?.nextCursor ? (
        <Link href={pageLink(query, page.nextCursor)} className="self-start text-sm underline underline-offset-4">
          {t("admin.audit.older")}
        </Link>
      ) : null}
    </div>
  );
}

type FilterFieldProps = { label: string; name: string; type?: string; defaultValue?: string };

function FilterField({ label, name, type = "text", defaultValue }: FilterFieldProps) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input
        type={type}
        name={name}
        defaultValue={defaultValue}
        className="border-line bg-canvas rounded-lg border px-2 py-1.5"
      />
    </label>
  );
}
