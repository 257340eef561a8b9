import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/client";
import { isViolationOf, violatedConstraint } from "@/lib/db/unique-violation";

// In development Prisma's message quotes the source lines around the failing call: here they name `isDefault`.
const MESSAGE = "Invalid `tx.model.create()` invocation:\n  if (fields.isDefault) await clearDefault(tx, actor);";

const uniqueViolation = (meta: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError(MESSAGE, { code: "P2002", clientVersion: "6", meta });

describe("violatedConstraint", () => {
  it.each([
    ["the driver adapter's quoted columns", { driverAdapterError: { cause: { constraint: { fields: ['"name"'] } } } }],
    ["Prisma's own target", { target: ["name"] }],
  ])("reads %s", (_, meta) => {
    const error = uniqueViolation({ modelName: "Provider", ...meta });
    expect(violatedConstraint(error)).toEqual({ fields: ["name"], index: null });
    expect(isViolationOf(error, "name")).toBe(true);
    expect(isViolationOf(error, "isDefault")).toBe(false);
  });

  it.each([
    ["the driver adapter", { driverAdapterError: { cause: { constraint: { index: "Model_single_default_key" } } } }],
    ["Prisma's own target", { target: "Model_single_default_key" }],
  ])("reads an index named by %s", (_, meta) => {
    expect(isViolationOf(uniqueViolation(meta), "Model_single_default_key")).toBe(true);
  });

  it("finds nothing where the error carries no constraint, whatever its message says", () => {
    expect(violatedConstraint(uniqueViolation({}))).toBeNull();
    expect(isViolationOf(uniqueViolation({ modelName: "Model" }), "isDefault")).toBe(false);
    expect(isViolationOf(new Error(`P2002 ${MESSAGE}`), "isDefault")).toBe(false);
  });

  it("answers only for a unique violation", () => {
    const foreignKey = new Prisma.PrismaClientKnownRequestError(MESSAGE, {
      code: "P2003",
      clientVersion: "6",
      meta: { driverAdapterError: { cause: { constraint: { fields: ['"isDefault"'] } } } },
    });
    expect(isViolationOf(foreignKey, "isDefault")).toBe(false);
  });
});
