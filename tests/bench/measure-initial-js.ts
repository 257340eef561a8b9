// The JavaScript a browser must fetch to show the chat page: every script the server-rendered HTML of a
// conversation references, read from the build output (.next/static) and gzipped as a server would send it.
// Chunks loaded later on demand (the syntax highlighter, KaTeX) are not in it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createConversation } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { formatKilobytes, judge, NOT_MEASURED, type Section } from "./report";

const GOAL_BYTES = 300 * 1024;
const STATIC_PREFIX = "/_next/static/";

export async function measureInitialJs(context: BenchContext): Promise<Section> {
  const { baseUrl, cookie } = context.session;
  const conversationId = await createConversation(context.session);
  const response = await fetch(`${baseUrl}/c/${conversationId}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`The chat page answered HTTP ${response.status}`);
  const html = await response.text();
  const scripts = new Set(
    [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)]
      .map((match) => new URL(match[1] ?? "", baseUrl).pathname)
      .filter((pathname) => pathname.startsWith(STATIC_PREFIX)),
  );
  if (scripts.size === 0) throw new Error("The chat page references no scripts: is this a production build?");
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const script of scripts) {
    const file = await readFile(path.join(".next", "static", decodeURIComponent(script.slice(STATIC_PREFIX.length))));
    rawBytes += file.length;
    gzipBytes += gzipSync(file).length;
  }
  return {
    rows: [
      {
        measure: "initial JavaScript of the chat page (gzip)",
        parley: formatKilobytes(gzipBytes),
        relay: NOT_MEASURED,
        goal: `≤ ${formatKilobytes(GOAL_BYTES)}`,
        verdict: judge(gzipBytes <= GOAL_BYTES),
      },
    ],
    notes: [
      `Initial JavaScript: ${scripts.size} scripts in the chat page's HTML, ${formatKilobytes(rawBytes)} before gzip (default level).`,
    ],
  };
}
