// Starts the raw relay (raw-relay.ts) as a child process and learns its port from its first line of output.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";

export type RelayProcess = { url: string; pid: number; stop: () => Promise<void> };

const STARTUP_TIMEOUT_MS = 20_000;

export async function startRawRelay(upstreamUrl: string): Promise<RelayProcess> {
  const script = path.join(import.meta.dirname, "raw-relay.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, "--upstream", upstreamUrl], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  try {
    const lines = createInterface({ input: child.stdout });
    const [firstLine] = (await once(lines, "line", { signal: AbortSignal.timeout(STARTUP_TIMEOUT_MS) })) as [string];
    lines.close();
    child.stdout.resume();
    const { port } = JSON.parse(firstLine) as { port: number };
    if (child.pid === undefined) throw new Error("The raw relay has no pid");
    return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw new Error(`The raw relay did not start: ${String(error)}`);
  }
}
