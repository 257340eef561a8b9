import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code}`), { code, syscall: "connect", errno: -1 });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", socketError("ECONNREFUSED")],
    ["Prisma's can't-reach code", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    [
      "a raw query wrapping the adapter's kind",
      Object.assign(new Error("Raw query failed. Code: `N/A`."), {
        code: "P2010",
        meta: {
          driverAdapterError: Object.assign(new Error("DatabaseNotReachable"), {
            cause: { kind: "DatabaseNotReachable" },
          }),
        },
      }),
    ],
    [
      "a server shutting down",
      Object.assign(new Error("terminating connection"), { code: "57P01", severity: "FATAL" }),
    ],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["one wrapped as a cause", new Error("query failed", { cause: socketError("ECONNRESET") })],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a syntax error", Object.assign(new Error("syntax error"), { code: "42601", severity: "ERROR" })],
    ["a plain error", new Error("Something else")],
    ["not an error", "ECONNREFUSED"],
  ])("leaves %s alone", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
