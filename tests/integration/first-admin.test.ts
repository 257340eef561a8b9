// The first account becomes admin, atomically: on an empty database, 20 concurrent registrations give one admin.
import { expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";

it("makes exactly one admin out of 20 concurrent first registrations", async () => {
  // This file runs in its own process, so lib/ may be pointed at a database of its own before it is loaded.
  process.env.DATABASE_URL = await createEmptyDatabase();
  const { registerUser } = await import("@/lib/auth/register");
  const { db } = await import("@/lib/db/client");

  const users = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      registerUser({ email: `racer-${index}@example.test`, password: "long enough", name: `Racer ${index}` }),
    ),
  );
  expect(users.filter((user) => user.role === "ADMIN")).toHaveLength(1);
  expect(await db().user.count({ where: { role: "ADMIN" } })).toBe(1);
  expect(await db().user.count()).toBe(20);
  await db().$disconnect();
});

it("ensures the configured admin at start without resetting a changed password", async () => {
  const { ensureAdmin } = await import("@/lib/db/users");
  const { db } = await import("@/lib/db/client");
  await ensureAdmin({ email: "Boss@Example.test", name: "Admin", passwordHash: "first" });
  await db().user.update({ where: { email: "boss@example.test" }, data: { role: "USER", passwordHash: "changed" } });
  await ensureAdmin({ email: "boss@example.test", name: "Admin", passwordHash: "second" });
  expect(await db().user.findUniqueOrThrow({ where: { email: "boss@example.test" } })).toMatchObject({
    role: "ADMIN",
    status: "ACTIVE",
    passwordHash: "changed",
  });
});

it("never makes an admin of someone who took the configured address after the admin left it", async () => {
  const { ensureAdmin } = await import("@/lib/db/users");
  const { db } = await import("@/lib/db/client");
  const configured = { email: "owner@example.test", name: "Admin", passwordHash: "set at start" };
  expect(await ensureAdmin(configured)).toBe("created");
  // The admin moves to another address; someone registers the old one, as anyone may.
  await db().user.update({ where: { email: "owner@example.test" }, data: { email: "owner-now@example.test" } });
  const taker = await db().user.create({
    data: { email: "owner@example.test", name: "Taker", passwordHash: "their own", role: "USER" },
  });
  expect(await ensureAdmin(configured)).toBe("refused");
  expect(await db().user.findUniqueOrThrow({ where: { id: taker.id } })).toMatchObject({ role: "USER" });
  expect(await db().user.findUniqueOrThrow({ where: { email: "owner-now@example.test" } })).toMatchObject({
    role: "ADMIN",
  });
});
