// What a large import costs everyone else: /api/health requested back to back while one user imports a 20 MB
// single-conversation ChatGPT export. Its slowest answer is how long the server's event loop was unavailable.
import { makeLargeChatGptExport } from "../support/large-import";
import type { BenchContext } from "./bench-context";
import { formatMs, judge, NOT_MEASURED, type Section } from "./report";

const STALL_GOAL_MS = 250;

export async function measureImportStall(context: BenchContext): Promise<Section> {
  const { session } = context;
  const file = makeLargeChatGptExport();
  const startedAt = performance.now();
  let isImporting = true;
  const importing = fetch(`${session.baseUrl}/api/account/import`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: file,
  }).finally(() => {
    isImporting = false;
  });
  const healthTimes: number[] = [];
  while (isImporting) {
    const requestedAt = performance.now();
    await (await fetch(`${session.baseUrl}/api/health`)).arrayBuffer();
    healthTimes.push(performance.now() - requestedAt);
  }
  const response = await importing;
  if (response.status !== 201) throw new Error(`The import answered HTTP ${response.status}`);
  const importMs = performance.now() - startedAt;
  const worst = Math.max(...healthTimes);
  return {
    rows: [
      {
        measure: "slowest /api/health during a 20 MB import",
        parley: formatMs(worst),
        relay: NOT_MEASURED,
        goal: `≤ ${STALL_GOAL_MS} ms`,
        verdict: judge(worst <= STALL_GOAL_MS),
      },
    ],
    notes: [
      `Import stall: one ChatGPT conversation of 5,000 messages (${(file.length / 1e6).toFixed(1)} MB) imported in ` +
        `${formatMs(importMs)}, while ${healthTimes.length} GET /api/health ran one after another; before the import ` +
        "worker (issue 12) one such import held the event loop for seconds.",
    ],
  };
}
