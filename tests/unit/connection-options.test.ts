import { describe, expect, it } from "vitest";
import { connectionOptionsFromUrl } from "@/lib/db/connection-options";

describe("connectionOptionsFromUrl", () => {
  it("keeps every part of the URL as discrete options, the password decoded", () => {
    expect(connectionOptionsFromUrl("postgresql://parley:p%40ss%23word@db.internal:6543/parley")).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "parley",
      password: "p@ss#word",
      database: "parley",
    });
  });

  it("reads sslmode as psql does: require encrypts without checking the certificate, verify-full checks it", () => {
    expect(connectionOptionsFromUrl("postgresql://u:p@db/parley?sslmode=require").ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(connectionOptionsFromUrl("postgresql://u:p@db/parley?sslmode=verify-full").ssl).toEqual({});
    expect(connectionOptionsFromUrl("postgresql://u:p@db/parley?sslmode=disable").ssl).toBe(false);
    expect(connectionOptionsFromUrl("postgresql://u:p@db/parley").ssl).toBeUndefined();
  });
});
