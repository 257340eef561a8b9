// The server the end-to-end tests run against: a test stack whose default model is a paced fake upstream, so
// that a reply streams for a few seconds (long enough to watch it grow and to stop it).
import { E2E_ADMIN, E2E_ECHO_PREFIX, E2E_REPLY } from "./e2e-scenario";
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
console.log(`[e2e] Parley on ${stack.baseUrl}, fake upstream on ${upstream.url}`);

async function shutdown() {
  await stack.stop();
  await upstream.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
