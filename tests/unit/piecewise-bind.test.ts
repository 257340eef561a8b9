// The uploads' connections write a Bind that carries a file in pieces (lib/db/piecewise-bind.ts), the file a slice
// at a time (lib/db/write-in-slices.ts): the bytes on the wire must be exactly node-postgres's own message, followed
// by what it wrote after, and the file must go to the socket without being copied.
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type pg from "pg";
// node-postgres's own serializer (a dependency of pg), the reference for the message's bytes.
import { serialize } from "pg-protocol";
import { describe, expect, it } from "vitest";
import { bindMessagePieces, LARGE_PARAMETER_BYTES, writeLargeBindsInPieces } from "@/lib/db/piecewise-bind";
import { SLICE_BYTES } from "@/lib/db/write-in-slices";

// What pg's prepareValue does with the values the uploads pass: Buffers as they are, null as null, else text.
const valueMapper = (value: unknown) => (value === null || Buffer.isBuffer(value) ? value : String(value));

describe("a Bind message in pieces", () => {
  it("is byte for byte node-postgres's message, and holds the large parameters themselves rather than copies", () => {
    const file = randomBytes(LARGE_PARAMETER_BYTES * 3);
    const text = Buffer.from(`\u00e9t\u00e9 ${"x".repeat(LARGE_PARAMETER_BYTES)}`);
    const values = ["4f2a", file, 3145728, null, "名前.png", text, Buffer.from([0, 1, 2])];
    const pieces = bindMessagePieces({ values, valueMapper });
    expect(Buffer.concat(pieces).equals(serialize.bind({ values, valueMapper }))).toBe(true);
    expect(pieces).toContain(file);
    expect(pieces).toContain(text);
    expect(pieces.filter((piece) => piece !== file && piece !== text).every((piece) => piece.byteLength < 100)).toBe(
      true,
    );
  });

  it("matches a named statement and portal with binary results too", () => {
    const config = { portal: "p1", statement: "s1", binary: true, values: [randomBytes(LARGE_PARAMETER_BYTES)] };
    expect(Buffer.concat(bindMessagePieces(config)).equals(serialize.bind(config as never))).toBe(true);
  });
});

describe("a connection that writes large Binds in pieces", () => {
  function fakeConnection() {
    const stream = new PassThrough();
    const written: Buffer[] = [];
    let onWritten = () => {};
    stream.on("data", (chunk: Buffer) => {
      written.push(chunk);
      onWritten();
    });
    const wholeBinds: unknown[] = [];
    const connection = { stream, bind: (config: unknown) => wholeBinds.push(config) };
    writeLargeBindsInPieces(connection as unknown as pg.Connection);
    /** Resolves once `bytes` bytes in all went to the socket. */
    const untilWritten = (bytes: number) =>
      new Promise<void>((resolve) => {
        onWritten = () => {
          if (Buffer.concat(written).byteLength >= bytes) resolve();
        };
        onWritten();
      });
    return {
      connection: connection as unknown as { bind: (config: unknown) => void },
      stream,
      written,
      wholeBinds,
      untilWritten,
    };
  }

  it("sends a Bind with a file to the socket in slices of the file's own memory, byte for byte", async () => {
    const { connection, written, wholeBinds, untilWritten } = fakeConnection();
    const file = randomBytes(SLICE_BYTES * 3 + 5);
    const message = serialize.bind({ values: ["a", file], valueMapper });
    connection.bind({ values: ["a", file], valueMapper });
    await untilWritten(message.byteLength);
    expect(wholeBinds).toEqual([]);
    expect(Buffer.concat(written).equals(message)).toBe(true);
    const slices = written.filter((chunk) => chunk.buffer === file.buffer);
    expect(slices).toHaveLength(4);
    expect(slices.every((slice) => slice.byteLength <= SLICE_BYTES)).toBe(true);
  });

  it("holds what node-postgres writes after the Bind until the file has gone, and lets others run meanwhile", async () => {
    const { connection, stream, written, untilWritten } = fakeConnection();
    const file = randomBytes(SLICE_BYTES * 4);
    const bind = serialize.bind({ values: [file], valueMapper });
    const rest = Buffer.concat([serialize.describe({ type: "P", name: "" }), serialize.sync()]);
    let writtenWhenOthersRan = -1;
    setImmediate(() => {
      writtenWhenOthersRan = Buffer.concat(written).byteLength;
    });
    connection.bind({ values: [file], valueMapper });
    // As node-postgres does right after the Bind: the rest of the query.
    stream.write(rest);
    await untilWritten(bind.byteLength + rest.byteLength);
    expect(Buffer.concat(written).equals(Buffer.concat([bind, rest]))).toBe(true);
    expect(writtenWhenOthersRan).toBeGreaterThanOrEqual(0);
    expect(writtenWhenOthersRan).toBeLessThan(bind.byteLength);
  });

  it("leaves every other Bind to node-postgres", () => {
    const { connection, written, wholeBinds } = fakeConnection();
    const config = { values: ["a", Buffer.alloc(LARGE_PARAMETER_BYTES - 1)], valueMapper };
    connection.bind(config);
    expect(wholeBinds).toEqual([config]);
    expect(written).toEqual([]);
  });
});
