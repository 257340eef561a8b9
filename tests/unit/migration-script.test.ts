// Migrations run through adapter-pg's executeScript, which cut scripts at every ";": a migration with a trigger
// function ($$-quoted body) failed half-applied. prisma/schema-engine-fixes.ts splits between statements only.
import { describe, expect, it } from "vitest";
import { splitSqlScript } from "@/prisma/schema-engine-fixes";

describe("splitting a migration into statements", () => {
  it("keeps a $$-quoted function body whole", () => {
    const script = `CREATE TABLE "A" (id int);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "A" VALUES (1);
  RETURN NULL;
END $$;
DO $body$ BEGIN PERFORM 1; END $body$;`;
    expect(splitSqlScript(script)).toEqual([
      'CREATE TABLE "A" (id int)',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO "A" VALUES (1);\n  RETURN NULL;\nEND $$',
      "DO $body$ BEGIN PERFORM 1; END $body$",
    ]);
  });

  it("does not cut inside strings, quoted names or comments", () => {
    const script = `-- a comment; with a semicolon
INSERT INTO "we;ird" VALUES ('a;b', 'it''s');
/* block; comment */ SELECT 1;`;
    expect(splitSqlScript(script)).toEqual([
      `-- a comment; with a semicolon\nINSERT INTO "we;ird" VALUES ('a;b', 'it''s')`,
      "/* block; comment */ SELECT 1",
    ]);
  });

  it("cuts an ordinary script as before", () => {
    expect(splitSqlScript("ALTER TABLE a ADD b int;\n\nCREATE INDEX c ON a (b);\n")).toEqual([
      "ALTER TABLE a ADD b int",
      "CREATE INDEX c ON a (b)",
    ]);
  });
});
