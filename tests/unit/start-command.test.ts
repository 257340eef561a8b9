// `npm start`, the Docker image and the test stack (which the integration tests and the bench measure) must run the
// same server: the launcher compiled by `npm run build`, on Node alone, with the same malloc settings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { START_MALLOC_TUNABLES } from "../support/test-stack";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

it("starts the compiled launcher without tsx, with the test stack's malloc settings, in npm start and in Docker", () => {
  const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
  expect(scripts.start).toBe(`GLIBC_TUNABLES=${START_MALLOC_TUNABLES} node .next/launcher/launch.mjs start`);
  expect(scripts.build).toContain("lib/bootstrap/build-launcher.ts");

  const dockerfile = read("Dockerfile");
  expect(dockerfile).toContain(`GLIBC_TUNABLES=${START_MALLOC_TUNABLES}`);
  expect(dockerfile).toMatch(/^CMD \["node", "\.next\/launcher\/launch\.mjs", "start"\]$/m);
});
