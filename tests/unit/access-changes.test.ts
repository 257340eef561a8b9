// Ending the streams of someone who lost access happens in one place, lib/access/access-changes.ts, which every write
// that can take access away goes through. This fails when any other module calls one of those writes, or ends
// streams itself: a new writer cannot forget the streams, as it cannot reach the write without them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ACCESS_CHANGES = "lib/access/access-changes.ts";
const OPEN_STREAMS = "lib/chat/open-streams";

// The writes that take access away (lib/db), and the functions that end open streams (lib/chat/open-streams.ts).
const GUARDED = [
  "removeMember",
  "deleteTeam",
  "setConversationTeam",
  "softDeleteConversation",
  "updateUser",
  "deleteUser",
  "revokeSessions",
  "setPasswordHash",
  "consumePasswordResetToken",
  "linkIdentityInPlaceOfCredentials",
  "endStreamsWithoutAccess",
  "endStreamsOfUser",
  "endStreamsOfConversation",
];
// (A stream route whose access check raced with a change re-checks the streams it opened, with
// endOpenedStreamsWithoutAccess: it takes nobody's access away, so it is not guarded.)

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** What a file imports, as `{ name, from }` with `from` relative to the root, from `import { ... } from` lists. */
function importsOf(file: string, source: string): { name: string; from: string }[] {
  return [...source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)"/g)].flatMap((match) => {
    const specifier = match[2] ?? "";
    const from = specifier.startsWith("@/") ? specifier.slice(2) : path.posix.join(path.posix.dirname(file), specifier);
    return (match[1] ?? "")
      .split(",")
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/)[0] ?? "",
      )
      .filter(Boolean)
      .map((name) => ({ name, from }));
  });
}

/** The guarded names a file takes from the modules that define them. */
function guardedImports(file: string): string[] {
  return importsOf(file, readFileSync(path.join(ROOT, file), "utf8"))
    .filter(({ name, from }) => GUARDED.includes(name) && (from.startsWith("lib/db/") || from === OPEN_STREAMS))
    .map(({ name }) => name);
}

describe("writes that take access away", () => {
  it("reads the names a file imports and where from", () => {
    const source =
      'import { a, type b, c as d } from "../db/teams";\nimport type { e } from "@/lib/chat/open-streams";';
    expect(importsOf("lib/teams/x.ts", source)).toEqual([
      { name: "a", from: "lib/db/teams" },
      { name: "b", from: "lib/db/teams" },
      { name: "c", from: "lib/db/teams" },
      { name: "e", from: "lib/chat/open-streams" },
    ]);
  });

  it("are called only through lib/access/access-changes.ts, which ends the streams", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("lib")].filter(
      (file) => !file.startsWith("lib/db/") && file !== "lib/chat/open-streams.ts" && file !== ACCESS_CHANGES,
    );
    const offenders = files.flatMap((file) => guardedImports(file).map((name) => `${file}: ${name}`));
    expect(offenders).toEqual([]);
    // The guard guards something: access-changes.ts itself uses every one of them.
    const own = guardedImports(ACCESS_CHANGES);
    expect(GUARDED.filter((name) => !own.includes(name))).toEqual([]);
  });
});
