import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The browser's code lives in app/_components, one folder per feature over a shared layer (ui/, api/). A feature
// may use another only through that feature's index.ts, so each folder can change without reading the others.
const COMPONENTS = path.resolve(__dirname, "../../app/_components");
const SHARED_LAYER = new Set(["ui", "api"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

type Import = { file: string; from: string; to: string };

function componentImports(): Import[] {
  return sourceFiles(COMPONENTS).flatMap((file) => {
    const from = path.relative(COMPONENTS, file);
    const specifiers = [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map(
      (match) => match[1] ?? "",
    );
    return specifiers.flatMap((specifier) => {
      if (specifier.startsWith("@/app/_components/")) {
        return [{ file: from, from, to: specifier.slice("@/app/_components/".length) }];
      }
      if (specifier.startsWith(".")) {
        const target = path.relative(COMPONENTS, path.resolve(path.dirname(file), specifier));
        return [{ file: from, from, to: target }];
      }
      return [];
    });
  });
}

const featureOf = (relativePath: string) => relativePath.split(/[/\\]/)[0] ?? "";

describe("the browser's code by feature", () => {
  it("keeps every file in a feature folder or the shared layer", () => {
    const loose = sourceFiles(COMPONENTS)
      .map((file) => path.relative(COMPONENTS, file))
      .filter((file) => !file.includes(path.sep));
    expect(loose).toEqual([]);
  });

  it("keeps the shared layer free of features", () => {
    const wrong = componentImports().filter(
      (entry) => SHARED_LAYER.has(featureOf(entry.from)) && !SHARED_LAYER.has(featureOf(entry.to)),
    );
    expect(wrong).toEqual([]);
  });

  it("lets a feature use another only through its index", () => {
    const wrong = componentImports().filter((entry) => {
      const own = featureOf(entry.from);
      const other = featureOf(entry.to);
      if (own === other || SHARED_LAYER.has(other)) return false;
      return entry.to !== other;
    });
    expect(wrong).toEqual([]);
  });

  it("reaches outside its own folder by the @/ path, never by ../", () => {
    const climbing = sourceFiles(COMPONENTS).filter((file) =>
      /(?:from|import)\s*\(?\s*"\.\.\//.test(readFileSync(file, "utf8")),
    );
    expect(climbing.map((file) => path.relative(COMPONENTS, file))).toEqual([]);
  });
});
