// `npm start`, the Docker image and the test stack (which the integration tests and the bench measure) must run the
// same server: the launcher compiled by `npm run build`, on Node alone, with the same malloc settings and Node flags.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { START_MALLOC_TUNABLES, START_NODE_FLAGS } from "../support/test-stack";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

it("starts the compiled launcher without tsx, with the test stack's malloc settings and Node flags, in npm start, Docker and systemd", () => {
  const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
  // `exec`: the shell npm runs the script in gives its place to Node, so that npm's SIGTERM reaches the server.
  expect(scripts.start).toBe(
    `GLIBC_TUNABLES=${START_MALLOC_TUNABLES} exec node ${START_NODE_FLAGS.join(" ")} .next/launcher/launch.mjs start`,
  );
  expect(scripts.build).toContain("lib/bootstrap/build-launcher.ts");

  const dockerfile = read("Dockerfile");
  expect(dockerfile).toContain(`GLIBC_TUNABLES=${START_MALLOC_TUNABLES}`);
  const command = JSON.stringify(["node", ...START_NODE_FLAGS, ".next/launcher/launch.mjs", "start"]).replaceAll(
    ",",
    ", ",
  );
  expect(dockerfile).toMatch(new RegExp(`^CMD ${command.replace(/[[\].]/g, "\\$&")}$`, "m"));

  const service = read("deploy/parley.service");
  expect(service).toContain(`Environment=GLIBC_TUNABLES=${START_MALLOC_TUNABLES}\n`);
  expect(service).toContain(`ExecStart=/usr/bin/node ${START_NODE_FLAGS.join(" ")} .next/launcher/launch.mjs start\n`);
});

it("keeps V8's young generation small at rest, without capping the heap", () => {
  expect(START_NODE_FLAGS).toContain("--max-semi-space-size=2");
  expect(START_NODE_FLAGS.some((flag) => flag.startsWith("--max-old-space-size"))).toBe(false);
});
