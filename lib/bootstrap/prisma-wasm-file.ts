// The launcher's Prisma client loads its query compiler from a .wasm file that `npm run build` writes, instead of
// from the base64 text Prisma ships it as: that module's 2.5 MB of source and the 2.5 MB string it exports stayed in
// the heap of every process for its whole life, after the compiler was built from them once (README, "What an idle
// process holds"). The generated client (lib/db/generated) is rewritten in the launcher's bundle only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const QUERY_COMPILER_FILE = "query_compiler_bg.postgresql.wasm";
const BASE64_MODULE = "@prisma/client/runtime/query_compiler_bg.postgresql.wasm-base64.mjs";

// What `prisma generate` writes (Prisma 6.19): a Prisma upgrade that changes it fails the build here, loudly.
const GENERATED_LOADER = `    const { wasm } = await import("${BASE64_MODULE}")
    return await decodeBase64AsWasm(wasm)`;
const FILE_LOADER = `    const { readFile } = await import("node:fs/promises")
    return new WebAssembly.Module(await readFile(new URL("./${QUERY_COMPILER_FILE}", import.meta.url)))`;

/** The generated client's source with the query compiler read from QUERY_COMPILER_FILE beside the bundle. */
export function loadCompilerFromFile(generatedSource: string): string {
  if (!generatedSource.includes(GENERATED_LOADER)) {
    throw new Error(
      `The generated Prisma client no longer loads ${BASE64_MODULE} as expected: see ${import.meta.filename}`,
    );
  }
  return generatedSource.replace(GENERATED_LOADER, FILE_LOADER);
}

/** The query compiler's WebAssembly, decoded from the base64 module of the installed @prisma/client. */
export function readQueryCompilerWasm(root = process.cwd()): Buffer {
  const require = createRequire(path.join(root, "package.json"));
  const source = readFileSync(require.resolve(BASE64_MODULE), "utf8");
  const base64 = /const wasm = "([A-Za-z0-9+/=]+)"/.exec(source)?.[1];
  if (!base64) throw new Error(`No WebAssembly found in ${BASE64_MODULE}`);
  return Buffer.from(base64, "base64");
}
