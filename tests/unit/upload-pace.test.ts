// Uploads are read at a pace (lib/attachments/upload-pace.ts), so that their work never takes the cores that the
// streaming replies need: a small file passes at once, a large one takes its time, and uploads at once share it.
import { describe, expect, it } from "vitest";
import { paceUpload, UPLOAD_BYTES_PER_SECOND } from "@/lib/attachments/upload-pace";

const CHUNK = 64 * 1024;

async function readPaced(bytes: number): Promise<void> {
  for (let read = 0; read < bytes; read += CHUNK) await paceUpload(Math.min(CHUNK, bytes - read));
}

describe("the upload pace", () => {
  it("lets a small file through without waiting", async () => {
    const startedAt = performance.now();
    await readPaced(256 * 1024);
    expect(performance.now() - startedAt).toBeLessThan(100);
  });

  it("spreads a large file, and two at once, over the time the pace gives them", async () => {
    const size = 4 * 1024 * 1024;
    const paced = (bytes: number) => ((bytes / UPLOAD_BYTES_PER_SECOND) * 1000 - 50) * 0.95;
    let startedAt = performance.now();
    await readPaced(size);
    expect(performance.now() - startedAt).toBeGreaterThan(paced(size));
    startedAt = performance.now();
    await Promise.all([readPaced(size), readPaced(size)]);
    expect(performance.now() - startedAt).toBeGreaterThan(paced(2 * size));
  });
});
