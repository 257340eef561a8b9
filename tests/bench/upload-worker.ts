// The upload row's load generator, on a worker thread of its own (started by upload-load.ts): making 10 MB files
// and sending them through fetch (undici copies each body) would otherwise hold the event loop that timestamps the
// fake upstream's writes and the streams' receipts, and the bench's own stall would read as the server's. The
// uploads still hit the server at the same rate and still compete for the machine's cores.
// The files alternate between an image and a text document (the document's path also decodes and stores its text);
// each differs from the last (de-duplication would otherwise skip storing the bytes) and is deleted after.
import { randomBytes } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { makeLargePng, makePng } from "../support/attachment-files";
import type { UploadCommand, UploadReply, UploadTarget } from "./upload-load";

const FILE_BYTES = 10 * 1024 * 1024;
// A few buffers, made once (distinct for uploads that run at once); each upload writes a new 16-byte marker in one.
const POOL_SIZE = 4;

const target = workerData as UploadTarget;
const port = parentPort;
if (!port) throw new Error("upload-worker.ts runs only as a worker thread");

function makePool() {
  // Padded inside the picture (a chunk decoders skip): what follows a PNG's end is not stored.
  const images = Array.from({ length: POOL_SIZE }, () => makeLargePng(FILE_BYTES - makePng().length - 12));
  const texts = Array.from({ length: POOL_SIZE }, () =>
    Buffer.alloc(FILE_BYTES, "lorem ipsum dolor sit amet, consectetur adipiscing elit\n"),
  );
  return { images, texts };
}

const pool = makePool();

function makeFile(index: number): { name: string; body: Uint8Array<ArrayBuffer> } {
  const marker = randomBytes(8).toString("hex");
  const slot = Math.floor(Math.abs(index) / 2) % POOL_SIZE;
  const isImage = index % 2 === 0;
  const bytes = (isImage ? pool.images[slot] : pool.texts[slot]) ?? Buffer.alloc(0);
  // Inside the padding chunk, before its checksum and the end chunk (4 + 12 bytes).
  if (isImage) bytes.write(marker, bytes.length - 16 - 16);
  else bytes.write(marker);
  return {
    name: isImage ? `photo-${index}.png` : `notes-${index}.txt`,
    body: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length),
  };
}

async function uploadAndDelete(index: number): Promise<void> {
  const file = makeFile(index);
  const response = await fetch(`${target.baseUrl}/api/attachments?name=${file.name}`, {
    method: "POST",
    headers: { cookie: target.cookie },
    body: file.body,
  });
  if (response.status !== 201) throw new Error(`The upload answered HTTP ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  await fetch(`${target.baseUrl}/api/attachments/${id}`, { method: "DELETE", headers: { cookie: target.cookie } });
}

let isLooping = false;

async function loop(): Promise<number> {
  let uploads = 0;
  isLooping = true;
  while (isLooping) await uploadAndDelete(uploads++);
  return uploads;
}

async function run(command: UploadCommand): Promise<UploadReply> {
  if (command.kind === "stop") {
    isLooping = false;
    return { kind: "stopping" };
  }
  if (command.kind === "loop") return { kind: "looped", uploads: await loop() };
  const indexes = Array.from({ length: command.count }, (_, offset) => command.firstIndex + offset);
  await Promise.all(indexes.map(uploadAndDelete));
  return { kind: "uploaded" };
}

port.on("message", (command: UploadCommand) => {
  run(command).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ kind: "failed", message: String(error) } satisfies UploadReply),
  );
});
port.postMessage({ kind: "ready" } satisfies UploadReply);
