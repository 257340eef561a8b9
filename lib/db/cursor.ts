// Cursors for newest-first lists: a cursor names a position (timestamp, id), not a row, so it works only inside
// the caller's own scope and survives the row it came from being updated or deleted.
export type CursorPosition = { at: Date; id: string };

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): CursorPosition | null {
  const [timestamp = "", id = ""] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(timestamp);
  return Number.isNaN(at.getTime()) || !id ? null : { at, id };
}
