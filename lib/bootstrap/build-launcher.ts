// `npm run build`, after `next build`: the launcher and the server code it loads (lib/server, lib/chat, lib/db…)
// compiled to plain JavaScript in .next/launcher, which `npm start` and the Docker image run with Node alone. Run
// through tsx instead, the server process would keep tsx's TypeScript loader, the esbuild service process it starts,
// and the garbage of compiling a few hundred files at every start (see README, "What an idle process holds").
// Packages stay imports of node_modules; the dynamic imports stay separate chunks, loaded when launch.ts asks
// (Next and React after NODE_ENV is set).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { loadCompilerFromFile, QUERY_COMPILER_FILE, readQueryCompilerWasm } from "./prisma-wasm-file";

const LAUNCHER_DIR = path.join(".next", "launcher");
const require = createRequire(path.join(process.cwd(), "package.json"));

/**
 * Node's ESM loader finds `next/server` only with its file extension, since Next's package.json has no "exports"
 * (tsx and bundlers guess it): a subpath of such a package is imported by its resolved file instead.
 */
const subpathsWithExtension: Plugin = {
  name: "subpaths-with-extension",
  setup(builder) {
    builder.onResolve({ filter: /^(@[^/:]+\/)?[^./@:][^/:]*\/./ }, ({ path: specifier }) => {
      const packageName = specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");
      const manifestPath = path.join(process.cwd(), "node_modules", packageName, "package.json");
      if (JSON.parse(readFileSync(manifestPath, "utf8")).exports !== undefined)
        return { path: specifier, external: true };
      const file = path.relative(path.dirname(manifestPath), require.resolve(specifier));
      return { path: `${packageName}/${file.split(path.sep).join("/")}`, external: true };
    });
  },
};

/** The generated Prisma client reads its query compiler from a file of the launcher's (prisma-wasm-file.ts). */
const queryCompilerFromFile: Plugin = {
  name: "query-compiler-from-file",
  setup(builder) {
    builder.onLoad({ filter: /lib[\\/]db[\\/]generated[\\/]internal[\\/]class\.ts$/ }, ({ path: file }) => ({
      contents: loadCompilerFromFile(readFileSync(file, "utf8")),
      loader: "ts",
    }));
  },
};

rmSync(LAUNCHER_DIR, { recursive: true, force: true });
mkdirSync(LAUNCHER_DIR, { recursive: true });
writeFileSync(path.join(LAUNCHER_DIR, QUERY_COMPILER_FILE), readQueryCompilerWasm());
await build({
  entryPoints: ["lib/bootstrap/launch.ts"],
  outdir: LAUNCHER_DIR,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  plugins: [subpathsWithExtension, queryCompilerFromFile],
  // tsconfig.json's paths: "server-only" outside Next is lib/db/server-only-outside-next.ts.
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
console.log(`[parley] launcher compiled to ${LAUNCHER_DIR}/launch.mjs`);
