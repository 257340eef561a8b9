// An upload must not start a full garbage collection in the process that streams everyone's replies: its buffer is
// kept for the next upload (lib/attachments/upload-buffers.ts) and the body's chunks are collected young
// (lib/attachments/read-chunk-collection.ts).
import { getHeapSpaceStatistics } from "node:v8";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { COLLECT_EVERY_BYTES, noteUploadRead } from "@/lib/attachments/read-chunk-collection";
import {
  giveBackUploadBuffer,
  KEEP_IDLE_MS,
  KEPT_BUFFERS,
  KEPT_BYTES,
  keptUploadBuffers,
  SMALLEST_KEPT_BYTES,
  takeUploadBuffer,
} from "@/lib/attachments/upload-buffers";
import { MEGABYTE } from "@/lib/limits";

describe("the buffers uploads are read into", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    // Lets go of what a test kept.
    giveBackUploadBuffer(takeUploadBuffer(SMALLEST_KEPT_BYTES));
    vi.advanceTimersByTime(KEEP_IDLE_MS);
    vi.useRealTimers();
  });

  it("are of the size asked for, and the next upload reads into the last one's buffer", () => {
    const first = takeUploadBuffer(10 * MEGABYTE);
    expect(first.byteLength).toBe(10 * MEGABYTE);
    giveBackUploadBuffer(first);
    const second = takeUploadBuffer(10 * MEGABYTE + 12_345);
    expect(second.byteLength).toBe(10 * MEGABYTE + 12_345);
    expect(second.buffer).toBe(first.buffer);
  });

  it("are never handed to two uploads at once, even when given back twice", () => {
    const first = takeUploadBuffer(2 * MEGABYTE);
    giveBackUploadBuffer(first);
    giveBackUploadBuffer(first);
    expect(keptUploadBuffers()).toBe(1);
    const [a, b] = [takeUploadBuffer(2 * MEGABYTE), takeUploadBuffer(2 * MEGABYTE)];
    expect(a.buffer).not.toBe(b.buffer);
  });

  it("keep a small body's buffer to itself, and a huge one's too", () => {
    giveBackUploadBuffer(takeUploadBuffer(SMALLEST_KEPT_BYTES - 1));
    giveBackUploadBuffer(takeUploadBuffer(KEPT_BYTES + 1));
    expect(keptUploadBuffers()).toBe(0);
  });

  it("keep at most a few, within a total, and none once uploads have been idle a while", () => {
    const taken = Array.from({ length: KEPT_BUFFERS + 1 }, () => takeUploadBuffer(2 * MEGABYTE));
    for (const buffer of taken) giveBackUploadBuffer(buffer);
    expect(keptUploadBuffers()).toBe(KEPT_BUFFERS);
    giveBackUploadBuffer(takeUploadBuffer(KEPT_BYTES));
    expect(keptUploadBuffers()).toBe(1);
    vi.advanceTimersByTime(KEEP_IDLE_MS - 1);
    expect(keptUploadBuffers()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(keptUploadBuffers()).toBe(0);
  });
});

describe("reading an upload's chunks", () => {
  // What the young generation holds right now: read synchronously, so that no collection can happen by chance
  // between a read of the chunks and the check (one started by other allocations would free them just the same).
  const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_used_size;

  function makeYoungGarbage(): void {
    let last: unknown;
    for (let index = 0; index < 20_000; index++) last = { index, pair: [index, index] };
    expect(last).toBeDefined();
  }

  it("collects the young generation once every few megabytes, not before", () => {
    noteUploadRead(COLLECT_EVERY_BYTES); // from a count of zero, whatever came before
    makeYoungGarbage();
    const before = youngBytes() ?? 0;
    expect(before).toBeGreaterThan(100_000);

    noteUploadRead(COLLECT_EVERY_BYTES - 1);
    expect(youngBytes()).toBeGreaterThanOrEqual(before);

    noteUploadRead(1);
    expect(youngBytes()).toBeLessThan(before / 4);
  });
});
