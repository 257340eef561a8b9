// The main thread's handle on upload-worker.ts: it starts the worker (through tsx's loader, which a worker does not
// inherit), waits until its files are made, and turns its replies into promises. One command runs at a time, except
// "stop", which ends a running loop.
import { Worker } from "node:worker_threads";
import type { Session } from "./bench-client";

export type UploadTarget = { baseUrl: string; cookie: string };
export type UploadCommand = { kind: "upload"; count: number; firstIndex: number } | { kind: "loop" } | { kind: "stop" };
export type UploadReply =
  | { kind: "ready" }
  | { kind: "uploaded" }
  | { kind: "looped"; uploads: number }
  | { kind: "stopping" }
  | { kind: "failed"; message: string };

export type UploadLoad = {
  /** `count` uploads at once, each deleted after. */
  upload: (count: number, firstIndex: number) => Promise<void>;
  /** Uploads one after another until `stop`, which resolves with how many ran. */
  startLoop: () => { stop: () => Promise<number> };
  close: () => Promise<void>;
};

const WORKER_FILE = new URL("./upload-worker.ts", import.meta.url).href;
const BOOT = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE)}); })`;

export async function startUploadLoad(session: Session): Promise<UploadLoad> {
  const target: UploadTarget = { baseUrl: session.baseUrl, cookie: session.cookie };
  const worker = new Worker(BOOT, { eval: true, workerData: target });
  let pending: { kind: UploadReply["kind"]; resolve: (reply: UploadReply) => void; reject: (e: Error) => void }[] = [];
  const failAll = (error: Error) => {
    for (const waiter of pending) waiter.reject(error);
    pending = [];
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`The upload worker stopped (exit ${code})`)));
  worker.on("message", (reply: UploadReply) => {
    if (reply.kind === "failed") return failAll(new Error(`The upload worker failed: ${reply.message}`));
    const index = pending.findIndex((waiter) => waiter.kind === reply.kind);
    const [waiter] = index === -1 ? [] : pending.splice(index, 1);
    waiter?.resolve(reply);
  });
  const expect = (kind: UploadReply["kind"]) =>
    new Promise<UploadReply>((resolve, reject) => pending.push({ kind, resolve, reject }));
  const send = (command: UploadCommand, replyKind: UploadReply["kind"]) => {
    const reply = expect(replyKind);
    worker.postMessage(command);
    return reply;
  };
  await expect("ready");
  return {
    upload: async (count, firstIndex) => {
      await send({ kind: "upload", count, firstIndex }, "uploaded");
    },
    startLoop: () => {
      const looped = send({ kind: "loop" }, "looped");
      // A failed loop surfaces at stop; until then its rejection must not end the bench as unhandled.
      looped.catch(() => {});
      return {
        stop: async () => {
          await send({ kind: "stop" }, "stopping");
          const reply = await looped;
          return reply.kind === "looped" ? reply.uploads : 0;
        },
      };
    },
    close: async () => {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
