import { describe, expect, it } from "vitest";
import { buildDatabaseUrl, needsPostgresOsUser } from "@/lib/bootstrap/embedded-postgres";

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
