// What the launcher says when the migrations cannot run: Prisma's own reason, without its warning that the schema's
// datasource url is "NOT used", which reads as if DATABASE_URL had been ignored.
import { expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { applyMigrations } from "@/lib/bootstrap/migrate";

it("names the unreachable server and leaves out the schema url warning", async () => {
  const port = await findFreePort();
  const failure = await applyMigrations(`postgresql://parley:secret@127.0.0.1:${port}/parley`).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain(`Can't reach database server at \`127.0.0.1:${port}\``);
  expect(failure).not.toMatch(/will NOT be used|WARNING/);
});
