// Several connections accepted per event-loop iteration. libuv (1.45 and later, so Node 20) accepts one connection
// each time its poll finds a listening descriptor ready, and it polls once an iteration. A process streaming hundreds
// of replies runs iterations of 10-40 ms, so it accepted 25-100 connections a second, and the rest waited in the
// kernel's queue: at 400 streams (`npm run bench`), new turns waited up to 0.76 s there before Parley saw their
// request. So the server listens through several descriptors of its one socket: each is accepted from once an
// iteration, and they share one queue, so nothing else changes.
//
// Node 20 cannot duplicate a descriptor (no dup(), no SO_REUSEPORT). A process sent a handle receives it as a new
// descriptor of the same socket, so a short-lived child process sends the listening handle back as often as asked,
// closes its own descriptor each time, and exits. The handle travels raw, not as a net.Server: a child given a
// server would listen on it and could accept a connection meant for the parent.
import { type ChildProcess, type SendHandle, spawn } from "node:child_process";
import { Server as NetServer, type Server, type Socket } from "node:net";

/** Descriptors the server listens through, its own included: up to this many connections accepted an iteration. */
export const LISTENING_DESCRIPTORS = 8;
const RETURN_TIMEOUT_MS = 5000;
// The child: every handle it receives goes back to its parent, which receives a new descriptor each time.
const RETURN_HANDLES = `process.on("message", (message, handle) => process.send(message, handle, () => handle.close()));`;

/** node:net keeps the listening socket's native handle here; it is what one process can send another. */
type WithNativeHandle = { _handle?: object | null };

/** Sends `handle` to the child and resolves with what comes back: the same socket, through a new descriptor. */
function returnedHandle(child: ChildProcess, handle: object): Promise<object> {
  return new Promise((resolve, reject) => {
    const settle = (error: Error | null, returned?: object) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("error", onError);
      if (returned) resolve(returned);
      else reject(error ?? new Error("the child process sent no handle back"));
    };
    const onMessage = (_message: unknown, returned?: SendHandle) => settle(null, returned);
    const onError = (error: Error) => settle(error);
    const timer = setTimeout(() => settle(new Error("no answer from the child process")), RETURN_TIMEOUT_MS);
    child.on("message", onMessage);
    child.on("error", onError);
    child.send("copy", handle as SendHandle);
  });
}

/** A listener on `handle` whose connections `server` serves, as if it had accepted them itself. */
function listenOnCopy(server: Server, handle: object): Promise<NetServer> {
  const copy = new NetServer();
  copy.on("connection", (socket: Socket) => {
    // What node:http's own listener sets on the connections it accepts.
    socket.setNoDelay(true);
    server.emit("connection", socket);
  });
  return new Promise((resolve, reject) => {
    // A copy that cannot listen fails the start of copies (the server keeps the descriptors it has) instead of
    // leaving the start waiting; once listening, its errors are the server's.
    const refuse = (error: Error) => {
      copy.close();
      reject(error);
    };
    copy.once("error", refuse);
    copy.listen(handle, () => {
      copy.off("error", refuse);
      copy.on("error", (error) => server.emit("error", error));
      resolve(copy);
    });
  });
}

/**
 * Makes `server` (listening) also accept through `count` more descriptors of its socket. Returns their listeners,
 * which its owner closes with it. Where copies cannot be made (no child process can start), the server goes on with
 * its one descriptor and a warning says so.
 */
export async function listenThroughCopies(server: Server, count: number): Promise<NetServer[]> {
  const handle = (server as unknown as WithNativeHandle)._handle;
  if (!handle || count <= 0) return [];
  const copies: NetServer[] = [];
  const { NODE_OPTIONS: _options, ...environment } = process.env;
  const child = spawn(process.execPath, ["-e", RETURN_HANDLES], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: environment,
  });
  // A failure (the child could not start, or ended) is reported to the copy that waits: none waits in between.
  child.on("error", () => {});
  try {
    for (let index = 0; index < count; index++) {
      const returned = await returnedHandle(child, handle);
      copies.push(await listenOnCopy(server, returned));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`Listening through ${copies.length + 1} descriptor(s) instead of ${count + 1}: ${reason}`);
  } finally {
    if (child.connected) child.disconnect();
    child.kill();
  }
  return copies;
}
