// A final save that fails for good (not an outage, so not retried) ends the reply as an error: a row left STREAMING
// would hold its conversation, where no message may follow a reply being written. On a database of its own: the
// failure is made by a trigger on "Message", which must not reach other test files.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryDatabase } from "../support/database-query";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const MARKER = "refuse-final-save";

let upstream: FakeUpstream;
let dataDir: string;
let databaseUrl: string;
let server: AppServer;

const query = (sql: string, values: unknown[] = []) => queryDatabase(databaseUrl, sql, values);

beforeAll(async () => {
  // The fake model's reply quotes the message: a message with the marker gets a reply with it.
  upstream = await startFakeUpstream();
  dataDir = makeDataDir("parley-final-save-");
  databaseUrl = await createEmptyDatabase();
  server = await startAppServer({
    databaseUrl,
    dataDir,
    extraEnv: { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model" },
  });
  // The final write of a reply that carries the marker fails; partial saves (still STREAMING) and an ERROR pass.
  await query(`
    CREATE FUNCTION refuse_final_save() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.content LIKE '%${MARKER}%' AND NEW.status = 'COMPLETE' THEN RAISE EXCEPTION 'refused by the test'; END IF;
      RETURN NEW;
    END $$`);
  await query(
    `CREATE TRIGGER refuse_final_save BEFORE UPDATE ON "Message" FOR EACH ROW EXECUTE FUNCTION refuse_final_save()`,
  );
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("ends a reply as an error when its final save fails for good, so that the conversation can go on", async () => {
  const account = { email: "final@example.test", password: "long enough", name: "Final" };
  expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const client = await signedInClient(account.email, account.password, server.baseUrl);
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  const url = `/api/conversations/${id}/messages`;
  await collectEvents(await client.json(url, { content: `Hello ${MARKER}` }));
  const reply = async () =>
    (await query(`SELECT status::text FROM "Message" WHERE "conversationId" = $1 AND role = 'ASSISTANT'`, [id]))[0];
  await expect.poll(async () => (await reply())?.status).toBe("ERROR");

  const again = await client.json(url, { content: "Once more" });
  expect(again.status).toBe(200);
  const events = await collectEvents(again);
  expect(events.find((event) => event.event === "done")).toMatchObject({ data: { status: "COMPLETE" } });
});
