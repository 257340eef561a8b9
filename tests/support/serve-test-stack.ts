// The server the end-to-end tests run against: a test stack whose default model is a paced fake upstream, so
// that a reply streams for a few seconds (long enough to watch it grow and to stop it).
import { writeFileSync } from "node:fs";
import { E2E_ADMIN, E2E_ECHO_PREFIX, E2E_REPLY, e2eStackFile } from "./e2e-scenario";
import { startFakeUpstream } from "./fake-upstream";
import { startTestStack } from "./test-stack";

const upstream = await startFakeUpstream({ scenario: { reply: E2E_REPLY, paceMs: 50, echoPrefix: E2E_ECHO_PREFIX } });
const stack = await startTestStack({
  port: Number(process.env.E2E_PORT ?? 3100),
  extraEnv: {
    OPENAI_BASE_URL: upstream.url,
    OPENAI_MODELS: "fake-model",
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
  },
});
// Specs that need data no page can make yet (teams and memberships) write it to this database directly.
writeFileSync(e2eStackFile(stack.baseUrl), JSON.stringify({ databaseUrl: stack.databaseUrl }));
console.log(`[e2e] Parley on ${stack.baseUrl}, fake upstream on ${upstream.url}`);

async function shutdown() {
  await stack.stop();
  await upstream.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
