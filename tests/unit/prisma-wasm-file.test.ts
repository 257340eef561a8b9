// The launcher's Prisma client reads its query compiler from a .wasm file (lib/bootstrap/prisma-wasm-file.ts), so that
// the 5 MB of base64 source and text Prisma ships it as never stay in the server's heap.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { loadCompilerFromFile, QUERY_COMPILER_FILE, readQueryCompilerWasm } from "@/lib/bootstrap/prisma-wasm-file";

const root = path.resolve(import.meta.dirname, "../..");

it("rewrites the generated client to read the query compiler from the file, not from the base64 module", () => {
  const generated = readFileSync(path.join(root, "lib/db/generated/internal/class.ts"), "utf8");
  const rewritten = loadCompilerFromFile(generated);
  expect(rewritten).not.toContain("wasm-base64");
  expect(rewritten).toContain(`new URL("./${QUERY_COMPILER_FILE}", import.meta.url)`);
});

it("writes the same WebAssembly that Prisma ships, and fails the build when the generated client changes shape", () => {
  expect(WebAssembly.validate(new Uint8Array(readQueryCompilerWasm(root)))).toBe(true);
  expect(() => loadCompilerFromFile("export const client = {}")).toThrow(/no longer loads/);
});
