// An event stream's frames written straight to the socket, each with its HTTP chunk framing in one write.
// ServerResponse.write on a chunked response writes the chunk's size line, the data and the closing CRLF as three
// pieces under a cork that is lifted on the next tick, then hands them to the socket as one writev: per event, that
// cost about 16 µs of the server's CPU more than one plain socket write (`npm run bench`, "server CPU per streamed
// delta": marginal cost per delta 93 → 77 µs). A reply sends one event per token, so it counts.
import type { ServerResponse } from "node:http";

/** Node keeps whether it frames the body in chunks here (false for an HTTP/1.0 client, which gets no framing). */
type ChunkedResponse = ServerResponse & { chunkedEncoding?: boolean };

/** One frame as an HTTP/1.1 chunk: its size in bytes (hexadecimal), the frame, CRLF. */
export function toChunk(frame: string): string {
  return `${Buffer.byteLength(frame).toString(16)}\r\n${frame}\r\n`;
}

/**
 * A writer for `response`'s frames, after its `writeHead`. The first frame goes through `response.write`, which puts
 * the head on the socket with it; later frames go straight to the socket when the response is chunked and owns its
 * socket, else through `response.write` as well (an HTTP/1.0 client, or a pipelined request whose socket is still
 * answering an earlier one). Both paths write to the same socket in call order, and `response.end()` still writes
 * the final chunk.
 */
export function createFrameWriter(response: ServerResponse): (frame: string) => void {
  let socketOfResponse: ServerResponse["socket"] = null;
  return (frame) => {
    // An empty chunk is the body's end on the wire: nothing to send (as response.write("") sends nothing).
    if (frame === "" || response.writableEnded) return;
    if (socketOfResponse) {
      if (!socketOfResponse.destroyed) socketOfResponse.write(toChunk(frame));
      return;
    }
    response.write(frame);
    if ((response as ChunkedResponse).chunkedEncoding === true) socketOfResponse = response.socket;
  };
}
