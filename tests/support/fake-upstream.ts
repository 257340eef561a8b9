// A fake OpenAI-compatible Chat Completions server speaking the real wire protocol, for tests and manual runs.
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { text } from "node:stream/consumers";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as wire from "./fake-upstream-chunks";

export type FakeScenario = {
  reply?: string; // default: a sentence quoting the last user message
  echoPrefix?: string; // a last user message starting with it is answered with the rest of it, verbatim, a line a delta
  chunks?: string[]; // explicit content deltas, overriding the split of `reply` (a `<think>` split anywhere, too)
  // Thinking streamed before the content, one delta each, in the field a dialect uses: `reasoning_content`
  // (DeepSeek, vLLM, llama.cpp, LM Studio) or `reasoning` (OpenRouter, Ollama). Counted with the content deltas by
  // paceMs, cutAfterChunks and stallAfterChunks.
  reasoning?: { field: "reasoning_content" | "reasoning"; chunks: string[] };
  chunkCount?: number; // default: one word per delta
  paceMs?: number; // between content deltas
  firstByteDelayMs?: number; // before the status line, for errors too
  failBeforeStream?: { status: number; retryAfterSeconds?: number; message?: string; times?: number }; // times: all
  cutAfterChunks?: number; // destroys the socket after N content deltas: no finish chunk, no [DONE]
  stallAfterChunks?: number; // goes silent after N content deltas until the client leaves
  omitsFinish?: boolean; // ends the stream cleanly ([DONE]) without the finish chunk, as a proxy that drops it would
  usage?: wire.ReplyScript["usage"]; // default: word counts; "none": never reported
  dialect?: wire.Dialect; // the parameters the server refuses, with a 400 in its own words
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  receivedAt: number;
  closedByClientAt?: number;
  completedAt?: number;
};

export type FakeUpstream = {
  url: string;
  requests: RecordedRequest[];
  setScenario(scenario: FakeScenario): void;
  scenarioForModel(model: string, scenario: FakeScenario): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  waitForClientClose(request: RecordedRequest, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export type FakeUpstreamOptions = { port?: number; scenario?: FakeScenario };

type State = {
  defaultScenario: FakeScenario;
  modelScenarios: Map<string, FakeScenario>;
  failuresServed: WeakMap<FakeScenario, number>;
  requests: RecordedRequest[];
  changes: EventEmitter;
  shutdown: AbortController;
  nextId: number;
};

type Exchange = { state: State; record: RecordedRequest; res: ServerResponse; signal: AbortSignal; isCut: boolean };

const DEFAULT_MODEL = "fake-model";
const DEFAULT_WAIT_MS = 3000;

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const state: State = {
    defaultScenario: options.scenario ?? {},
    modelScenarios: new Map(),
    failuresServed: new WeakMap(),
    requests: [],
    changes: new EventEmitter().setMaxListeners(0),
    shutdown: new AbortController(),
    nextId: 1,
  };
  // A client that vanishes mid-body must not become an unhandled rejection in the test process.
  const server = createServer((req, res) => void handleRequest(state, req, res).catch(() => res.destroy()));
  server.on("connection", (socket) => socket.setNoDelay(true));
  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    setScenario: (scenario) => {
      state.defaultScenario = scenario;
    },
    scenarioForModel: (model, scenario) => {
      state.modelScenarios.set(model, scenario);
    },
    waitForRequests: (count, timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(state, () => (state.requests.length >= count ? [...state.requests] : undefined), timeoutMs, "requests"),
    waitForClientClose: async (request, timeoutMs = DEFAULT_WAIT_MS) => {
      await waitUntil(state, () => checkClientClosed(request), timeoutMs, `the client to close ${request.path}`);
    },
    close: () => closeServer(state, server),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolveListen((server.address() as AddressInfo).port));
  });
}

async function closeServer(state: State, server: Server): Promise<void> {
  state.shutdown.abort();
  const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  // Destroying the sockets ends stalled streams and pending delays, whose timers die with their abort signal.
  server.closeAllConnections();
  await closed;
}

function checkClientClosed(request: RecordedRequest): true | undefined {
  if (request.closedByClientAt !== undefined) return true;
  if (request.completedAt !== undefined) throw new Error(`${request.path} completed before the client closed it`);
  return undefined;
}

// Waits on change events rather than polling; AbortSignal.timeout's timer is unref'd, so it never holds the process.
async function waitUntil<T>(state: State, check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), state.shutdown.signal]);
  for (let value = check(); ; value = check()) {
    if (value !== undefined) return value;
    try {
      await once(state.changes, "change", { signal });
    } catch {
      const reason = state.shutdown.signal.aborted ? "the fake upstream closed" : `${timeoutMs} ms passed`;
      throw new Error(`Stopped waiting for ${what}: ${reason}`);
    }
  }
}

async function handleRequest(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  const record = await recordRequest(state, req);
  const exchange: Exchange = { state, record, res, signal: controller.signal, isCut: false };
  res.on("finish", () => {
    record.completedAt = Date.now();
    state.changes.emit("change");
  });
  res.on("close", () => {
    controller.abort();
    if (res.writableFinished || exchange.isCut || state.shutdown.signal.aborted) return;
    record.closedByClientAt = Date.now();
    state.changes.emit("change");
  });
  try {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname.startsWith("/openai/")) await routeAzureRequest(exchange, req.method ?? "GET", url);
    else await routeRequest(exchange, req.method ?? "GET", url.pathname);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (!res.headersSent) return sendJson(res, 500, wire.buildErrorBody(500, String(error)));
    res.destroy();
  }
}

async function recordRequest(state: State, req: IncomingMessage): Promise<RecordedRequest> {
  const receivedAt = Date.now();
  const body = wire.parseBody(await text(req));
  const record = { method: req.method ?? "GET", path: req.url ?? "/", headers: { ...req.headers }, body, receivedAt };
  state.requests.push(record);
  state.changes.emit("change");
  return record;
}

async function routeRequest(exchange: Exchange, method: string, path: string): Promise<void> {
  const { state, res } = exchange;
  if (method === "GET" && path === "/v1/models") {
    const modelIds = [DEFAULT_MODEL, ...state.modelScenarios.keys()];
    return sendJson(res, 200, wire.buildModelList(modelIds, 1_700_000_000));
  }
  if (method === "POST" && path === "/v1/chat/completions") return handleChat(exchange);
  sendJson(res, 404, wire.buildErrorBody(404, `Unknown request URL: ${method} ${path}`));
}

const AZURE_CHAT_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

/**
 * Azure OpenAI's shape: {endpoint}/openai/models and /openai/deployments/{deployment}/chat/completions, each with
 * ?api-version= (404 without it, as Azure answers) and the key in an `api-key` header (401 without it; a Bearer
 * token is not read). Any deployment name is served, with the scenario of the model of that name.
 */
async function routeAzureRequest(exchange: Exchange, method: string, url: URL): Promise<void> {
  const { state, res, record } = exchange;
  if (!record.headers["api-key"]) {
    const message = "Access denied due to invalid subscription key or wrong API endpoint.";
    return sendJson(res, 401, { error: { code: "401", message } });
  }
  if (!url.searchParams.get("api-version")) {
    return sendJson(res, 404, { error: { code: "404", message: "Resource not found" } });
  }
  if (method === "GET" && url.pathname === "/openai/models") {
    return sendJson(res, 200, wire.buildModelList([DEFAULT_MODEL, ...state.modelScenarios.keys()], 1_700_000_000));
  }
  const deployment = AZURE_CHAT_PATH.exec(url.pathname)?.[1];
  if (method === "POST" && deployment) return handleChat(exchange, decodeURIComponent(deployment));
  sendJson(res, 404, { error: { code: "404", message: "Resource not found" } });
}

/** `deployment`: on Azure the path names the model, whatever the body says. */
async function handleChat(exchange: Exchange, deployment?: string): Promise<void> {
  const { state, res, signal } = exchange;
  const parsed = wire.parseChatRequest(
    deployment === undefined ? exchange.record.body : { ...(exchange.record.body as object), model: deployment },
  );
  if (typeof parsed === "string") return sendJson(res, 400, wire.buildErrorBody(400, parsed));
  const scenario = state.modelScenarios.get(parsed.model) ?? state.defaultScenario;
  const refusal = scenario.dialect ? wire.refuseUnsupported(scenario.dialect, parsed) : null;
  if (refusal) return sendJson(res, 400, refusal);
  const failure = takeFailure(state, scenario);
  if (scenario.firstByteDelayMs) await sleep(scenario.firstByteDelayMs, undefined, { signal });
  if (failure) return sendJson(res, failure.status, ...wire.buildFailure(failure));
  const plan = wire.planReply(scenario, parsed, state.nextId++);
  if (parsed.stream) return streamReply(exchange, scenario, plan);
  sendJson(res, 200, wire.buildCompletion(plan));
}

function takeFailure(state: State, scenario: FakeScenario): FakeScenario["failBeforeStream"] {
  const failure = scenario.failBeforeStream;
  const served = state.failuresServed.get(scenario) ?? 0;
  if (!failure || served >= (failure.times ?? Number.POSITIVE_INFINITY)) return undefined;
  state.failuresServed.set(scenario, served + 1);
  return failure;
}

async function streamReply(exchange: Exchange, scenario: FakeScenario, plan: wire.ReplyPlan): Promise<void> {
  const { res, signal } = exchange;
  const { identity } = plan;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  await writeEvent(res, wire.buildChunk(identity, { role: "assistant", content: "" }, null));
  const deltas = [...wire.buildReasoningDeltas(scenario.reasoning), ...plan.deltas.map((content) => ({ content }))];
  for (let sent = 0; sent <= deltas.length; sent += 1) {
    if (sent === scenario.cutAfterChunks) return cutConnection(exchange);
    if (sent === scenario.stallAfterChunks || signal.aborted) return;
    const delta = deltas[sent];
    if (delta === undefined) break;
    if (sent > 0 && scenario.paceMs) await sleep(scenario.paceMs, undefined, { signal });
    await writeEvent(res, wire.buildChunk(identity, delta, null));
  }
  if (!scenario.omitsFinish) await writeEvent(res, wire.buildChunk(identity, {}, plan.finishReason));
  if (identity.includeUsage) await writeEvent(res, wire.buildUsageChunk(plan));
  res.end("data: [DONE]\n\n");
}

function cutConnection(exchange: Exchange): void {
  exchange.isCut = true;
  exchange.res.socket?.destroy();
}

// Waiting for the write callback means the bytes reached the socket before a later cut can drop them.
function writeEvent(res: ServerResponse, payload: unknown): Promise<void> {
  return new Promise((resolveWrite) => res.write(`data: ${JSON.stringify(payload)}\n\n`, () => resolveWrite()));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function isEntryModule(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

async function runStandalone(): Promise<void> {
  const options = { port: { type: "string", default: "0" }, pace: { type: "string", default: "0" } } as const;
  const { values } = parseArgs({ options });
  const fake = await startFakeUpstream({ port: Number(values.port), scenario: { paceMs: Number(values.pace) } });
  console.log(`Fake upstream listening on ${fake.url}`);
  const shutdown = () => void fake.close().then(() => process.exit(0));
  process.once("SIGINT", shutdown).once("SIGTERM", shutdown);
}

if (isEntryModule()) await runStandalone();
