// The periods limits count over: the UTC day and the UTC month, with when each resets.
export type Period = { kind: "day" | "month"; label: string; start: Date; end: Date };

export function currentPeriods(now: Date): { day: Period; month: Period } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const dayStart = new Date(Date.UTC(year, month, now.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const monthStart = new Date(Date.UTC(year, month, 1));
  const monthEnd = new Date(Date.UTC(year, month + 1, 1));
  return {
    day: { kind: "day", label: dayStart.toISOString().slice(0, 10), start: dayStart, end: dayEnd },
    month: { kind: "month", label: monthStart.toISOString().slice(0, 7), start: monthStart, end: monthEnd },
  };
}
