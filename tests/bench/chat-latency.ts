// `npm run bench`: what a full chat turn through Parley adds over talking to the upstream directly.
// Starts a paced fake upstream and the production build on its own PostgreSQL; needs `npm run build` first.
import OpenAI from "openai";
import { startFakeUpstream } from "../support/fake-upstream";
import { readEvents } from "../support/read-events";
import { startTestStack } from "../support/test-stack";

const TURNS = Number(process.env.BENCH_TURNS ?? 30);
const CHUNKS = 20;
const PACE_MS = 50;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

async function signIn(baseUrl: string): Promise<string> {
  const email = `bench-${Date.now()}@example.test`;
  await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "bench password", name: "Bench" }),
  });
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const signedIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: "bench password", json: "true" }),
  });
  return signedIn.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

async function timeDirectTurn(upstream: OpenAI): Promise<number> {
  const startedAt = performance.now();
  const stream = await upstream.chat.completions.create({
    model: "fake-model",
    messages: [{ role: "user", content: "hi" }],
    stream: true,
  });
  let firstTokenAt = 0;
  for await (const chunk of stream)
    if (!firstTokenAt && chunk.choices[0]?.delta?.content) firstTokenAt = performance.now();
  return firstTokenAt - startedAt;
}

async function timeParleyTurn(baseUrl: string, cookie: string): Promise<{ ttft: number; spread: number }> {
  const headers = { "content-type": "application/json", cookie };
  const created = await fetch(`${baseUrl}/api/conversations`, { method: "POST", headers, body: "{}" });
  const { id } = (await created.json()) as { id: string };
  const startedAt = performance.now();
  const response = await fetch(`${baseUrl}/api/conversations/${id}/messages`, {
    method: "POST",
    headers,
    body: JSON.stringify({ content: "hi" }),
  });
  const deltaTimes: number[] = [];
  for await (const event of readEvents(response)) if (event.event === "delta") deltaTimes.push(performance.now());
  return { ttft: (deltaTimes[0] ?? Number.NaN) - startedAt, spread: (deltaTimes.at(-1) ?? 0) - (deltaTimes[0] ?? 0) };
}

const fake = await startFakeUpstream({
  scenario: { chunks: Array.from({ length: CHUNKS }, (_, index) => `t${index} `), paceMs: PACE_MS },
});
const stack = await startTestStack({ extraEnv: { OPENAI_BASE_URL: fake.url, OPENAI_MODELS: "fake-model" } });
try {
  const cookie = await signIn(stack.baseUrl);
  const direct = new OpenAI({ apiKey: "none", baseURL: fake.url, maxRetries: 0 });
  await timeParleyTurn(stack.baseUrl, cookie); // warm-up: first requests compile and connect
  const directTtft: number[] = [];
  const parley: { ttft: number; spread: number }[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    directTtft.push(await timeDirectTurn(direct));
    parley.push(await timeParleyTurn(stack.baseUrl, cookie));
  }
  const parleyTtft = parley.map((each) => each.ttft);
  const format = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`\n${TURNS} turns, upstream ${CHUNKS} chunks ${PACE_MS} ms apart\n`);
  console.log("| measure | p50 | p99 |\n|---|---|---|");
  console.log(
    `| time to first token, direct to upstream | ${format(percentile(directTtft, 0.5))} | ${format(percentile(directTtft, 0.99))} |`,
  );
  console.log(
    `| time to first token, full Parley turn | ${format(percentile(parleyTtft, 0.5))} | ${format(percentile(parleyTtft, 0.99))} |`,
  );
  const added = parleyTtft.map((value, index) => value - (directTtft[index] ?? 0));
  console.log(
    `| added by Parley (auth, persistence, relay) | ${format(percentile(added, 0.5))} | ${format(percentile(added, 0.99))} |`,
  );
  const spreads = parley.map((each) => each.spread);
  console.log(
    `| first to last delta (upstream: ${(CHUNKS - 1) * PACE_MS} ms) | ${format(percentile(spreads, 0.5))} | ${format(percentile(spreads, 0.99))} |`,
  );
} finally {
  await stack.stop();
  await fake.close();
}
