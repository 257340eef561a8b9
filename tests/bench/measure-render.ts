// Browser main-thread time per streamed token: Chromium (Playwright) shows a conversation of the production build
// while the fake model streams a Markdown reply of 2,000 and 8,000 characters; Chrome's own task accounting
// (CDP Performance.getMetrics, TaskDuration) gives the main thread's busy time from sending to the finished reply.
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../support/chromium";
import { createConversation } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { buildSampleReply, splitIntoTokenDeltas } from "./render-sample";
import { formatMs, NOT_MEASURED, type Row, type Section } from "./report";
import { median } from "./stats";
import { waitForUpstreamIdle } from "./upstream-control";

const SIZES = [2_000, 8_000];
const RUNS = 3;
// 100 deltas a second: a fast model, and the delta buffer still batches several per render.
const PACE_MS = 10;
// The models' default max_tokens is 1024 and the fake counts a delta as a token: 8,000 characters (about 2,100
// tokens) must travel in fewer deltas than that.
const TOKENS_PER_DELTA = 3;
const REPLY_TIMEOUT_MS = 120_000;

async function openConversation(browser: Browser, context: BenchContext): Promise<Page> {
  const { baseUrl, cookie } = context.session;
  const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await browserContext.addCookies(
    cookie.split("; ").map((pair) => {
      const separator = pair.indexOf("=");
      return { name: pair.slice(0, separator), value: pair.slice(separator + 1), url: baseUrl };
    }),
  );
  const page = await browserContext.newPage();
  await page.goto(`${baseUrl}/c/${await createConversation(context.session)}`);
  return page;
}

async function streamReply(page: Page, context: BenchContext, deltas: string[]): Promise<void> {
  context.fake.setScenario({ chunks: deltas, paceMs: PACE_MS });
  const replies = page.getByRole("article", { name: "Assistant" });
  const replyCount = await replies.count();
  await page.getByRole("textbox", { name: "Message", exact: true }).fill("Write the report, please.");
  await page.keyboard.press("Enter");
  // The new reply, once it is no longer busy (earlier replies in the page are finished already).
  await replies.nth(replyCount).and(page.locator('[aria-busy="false"]')).waitFor({ timeout: REPLY_TIMEOUT_MS });
  await waitForUpstreamIdle(context.fake);
}

async function measureMainThreadMs(page: Page, run: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const readTaskSeconds = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((metric) => metric.name === "TaskDuration")?.value ?? Number.NaN;
  };
  const before = await readTaskSeconds();
  await run();
  return ((await readTaskSeconds()) - before) * 1000;
}

export async function measureRender(context: BenchContext): Promise<Section> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const size of SIZES) {
      const { deltas, tokens } = splitIntoTokenDeltas(buildSampleReply(size), TOKENS_PER_DELTA);
      const perToken: number[] = [];
      const page = await openConversation(browser, context);
      // Warm-up: the lazily loaded highlighter and KaTeX, and the JIT, are not what is measured.
      await streamReply(page, context, deltas.slice(0, 50));
      for (let run = 0; run < RUNS; run++) {
        perToken.push((await measureMainThreadMs(page, () => streamReply(page, context, deltas))) / tokens);
      }
      await page.context().close();
      rows.push({
        measure: `browser main thread per streamed token, ${size.toLocaleString("en")}-character Markdown reply`,
        parley: formatMs(median(perToken)),
        relay: NOT_MEASURED,
        goal: NOT_MEASURED,
        verdict: "",
      });
      notes.push(
        `${size} characters: ${tokens} tokens in ${deltas.length} deltas; per run ${perToken.map(formatMs).join(", ")}`,
      );
    }
    notes.unshift(
      `Render cost: Chromium on the same machine, ${PACE_MS} ms between deltas, median of ${RUNS} replies per size ` +
        "after a warm-up reply; main-thread time is everything the page's thread did from Enter to the finished reply " +
        "(network parsing, React, layout, paint).",
    );
    return { rows, notes };
  } finally {
    await browser.close();
  }
}
