import { describe, expect, it } from "vitest";
import { buildDatabaseUrl, localeFlags, needsPostgresOsUser } from "@/lib/bootstrap/embedded-postgres";

describe("the embedded PostgreSQL's OS user", () => {
  it("is the separate `postgres` user only for root, whom PostgreSQL refuses", () => {
    expect(needsPostgresOsUser(0)).toBe(true);
  });

  it("is the ordinary user who starts Parley, who may not create OS users", () => {
    expect(needsPostgresOsUser(1000)).toBe(false);
  });
});

it("builds a URL with the install's own password, encoded", () => {
  expect(buildDatabaseUrl(5433, "parley", "a/b")).toBe("postgresql://parley:a%2Fb@127.0.0.1:5433/parley");
});

describe("a new cluster's locale", () => {
  it("is PostgreSQL's builtin C.UTF-8, with a UTF-8 character classification where the machine has one", () => {
    expect(localeFlags(["C", "C.utf8", "POSIX", "en_US.utf8"])).toEqual([
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      "--lc-ctype=C.utf8",
    ]);
  });

  it("classifies characters with en_US.UTF-8 where the machine has no C.UTF-8", () => {
    expect(localeFlags(["C", "POSIX", "en_US.UTF-8"])).toContain("--lc-ctype=en_US.UTF-8");
  });

  it("falls back to C where the machine lists no UTF-8 locale, or none at all", () => {
    expect(localeFlags(["C", "POSIX"])).toContain("--lc-ctype=C");
    expect(localeFlags([])).toContain("--lc-ctype=C");
  });
});
