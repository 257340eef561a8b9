// Which unique index a refused write broke, read from PostgreSQL's answer as Prisma passes it on (through the pg
// driver adapter), never from the error's message: in this process, as in development, Prisma's message quotes the
// source lines around the failing call, and those name other columns (the model's create sits beside `isDefault`).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { updateProfile } from "@/lib/db/accounts";
import { db } from "@/lib/db/client";
import { isViolationOf, violatedConstraint } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { addModel, newModelSchema } from "@/lib/models/model-settings";
import { makeAdmin, makeModel, makeUser } from "../support/factories";

async function refusal(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error("The write was not refused.");
}

describe("the violated index", () => {
  it("names the columns of the index, not whatever the message quotes", async () => {
    const { id, upstreamName } = await makeModel("http://127.0.0.1:9/v1");
    const { providerId } = await db().model.findUniqueOrThrow({ where: { id }, select: { providerId: true } });
    const error = await refusal(() =>
      db().$transaction(async (tx) => {
        const isDefault = false;
        await tx.model.create({ data: { providerId, upstreamName, label: "Again", isDefault } });
      }),
    );
    expect((error as Error).message).toContain("isDefault");
    expect(violatedConstraint(error)).toEqual({ fields: ["providerId", "upstreamName"], index: null });
    expect(isViolationOf(error, "upstreamName")).toBe(true);
    expect(isViolationOf(error, "isDefault")).toBe(false);
  });

  it("names the column of the partial index that keeps one default model", async () => {
    const { id } = await makeModel("http://127.0.0.1:9/v1");
    const current = await db().model.findFirst({ where: { isDefault: true }, select: { id: true } });
    if (!current) await db().model.update({ where: { id }, data: { isDefault: true } });
    const other = await makeModel("http://127.0.0.1:9/v1");
    const error = await refusal(() => db().model.update({ where: { id: other.id }, data: { isDefault: true } }));
    expect(isViolationOf(error, "isDefault")).toBe(true);
    expect(isViolationOf(error, "upstreamName")).toBe(false);
  });
});

describe("the admin's and the user's answers", () => {
  it("says a model's name is taken on its provider, not that the default changed", async () => {
    const admin = await makeAdmin();
    const { id, upstreamName } = await makeModel("http://127.0.0.1:9/v1");
    const { providerId } = await db().model.findUniqueOrThrow({ where: { id }, select: { providerId: true } });
    const actor = { ...admin, status: "ACTIVE" as const };
    const error = await refusal(() => addModel(actor, newModelSchema.parse({ providerId, upstreamName })));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "model_name_taken",
      message: "This provider already has a model with this name.",
    });
  });

  it("says an email is taken when another account has it", async () => {
    const [first, second] = [await makeUser(), await makeUser()];
    const error = await refusal(() => updateProfile(second.id, { email: first.email.toUpperCase() }));
    expect(error).toMatchObject({ code: "email_taken" });
    expect((await db().user.findUniqueOrThrow({ where: { id: second.id } })).email).toBe(second.email);
  });

  it("leaves a write refused by no unique index alone", async () => {
    const error = await refusal(() =>
      db().model.create({ data: { providerId: `missing${randomUUID().slice(0, 8)}`, upstreamName: "x", label: "x" } }),
    );
    expect(isViolationOf(error, "providerId")).toBe(false);
  });
});
