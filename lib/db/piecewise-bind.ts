// node-postgres builds each Bind message (a statement's parameter values) in one buffer: a 10 MB file as a
// parameter is copied into a new 10 MB buffer in one synchronous step, 7-45 ms of the event loop measured on the
// bench machine (page faults of the fresh memory included), in the process that streams everyone's replies
// (`npm run bench`, "upload stall"). On the uploads' connections, a Bind that carries a large Buffer is written in
// pieces instead: its small fields in one buffer, each large Buffer as it is, a slice at a time (write-in-slices.ts).
// The socket sends those from the same memory as PostgreSQL reads them; nothing copies the file in one go. The
// message on the wire is the same.
import "server-only";
import type pg from "pg";
import { writeInSlices } from "./write-in-slices";

/** A Buffer parameter from this size on is written as a piece of its own. */
export const LARGE_PARAMETER_BYTES = 64 * 1024;

type BindConfig = {
  portal?: string;
  statement?: string;
  values?: unknown[];
  binary?: unknown;
  valueMapper?: (value: unknown, index: number) => unknown;
};
type Connection = { bind: (config: BindConfig) => void; stream: pg.Connection["stream"] };

const isLargeBuffer = (value: unknown) => Buffer.isBuffer(value) && value.byteLength >= LARGE_PARAMETER_BYTES;

function int16(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** A value's length and bytes as pg's serializer writes them: Buffers in binary format, anything else as text. */
function encodeValue(value: unknown): Buffer[] {
  if (value === null || value === undefined) return [int32(-1)];
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8");
  return [int32(bytes.byteLength), bytes];
}

/** The Bind message ('B') as a list of buffers: runs of small fields joined, large parameters as they are. */
export function bindMessagePieces(config: BindConfig): Buffer[] {
  const values = (config.values ?? []).map((value, index) =>
    config.valueMapper ? config.valueMapper(value, index) : value,
  );
  const fields = [
    Buffer.from(`${config.portal ?? ""}\0${config.statement ?? ""}\0`, "utf8"),
    int16(values.length),
    ...values.map((value) => int16(Buffer.isBuffer(value) ? 1 : 0)),
    int16(values.length),
    ...values.flatMap(encodeValue),
    // One result format for every column: text unless the query asked for binary.
    int16(1),
    int16(config.binary ? 1 : 0),
  ];
  const length = 4 + fields.reduce((sum, field) => sum + field.byteLength, 0);
  const pieces: Buffer[] = [];
  let run: Buffer[] = [Buffer.from([0x42]), int32(length)];
  for (const field of fields) {
    if (!isLargeBuffer(field)) {
      run.push(field);
      continue;
    }
    pieces.push(Buffer.concat(run), field);
    run = [];
  }
  if (run.length > 0) pieces.push(Buffer.concat(run));
  return pieces;
}

/** Makes `connection` write a Bind that carries a large Buffer in pieces; every other Bind goes as before. */
export function writeLargeBindsInPieces(connection: pg.Connection): void {
  const target = connection as unknown as Connection;
  const bindWhole = target.bind.bind(connection);
  target.bind = (config) => {
    if (!config.values?.some(isLargeBuffer)) {
      bindWhole(config);
      return;
    }
    // As pg's own _send: a closed stream takes nothing; the query then fails with the connection's error.
    if (!target.stream.writable) return;
    const pieces = bindMessagePieces(config);
    const firstLarge = pieces.findIndex(isLargeBuffer);
    // The large parameters a slice at a time (write-in-slices.ts); the rest of the query follows them.
    writeInSlices(target.stream, pieces.slice(0, firstLarge), pieces.slice(firstLarge));
  };
}
