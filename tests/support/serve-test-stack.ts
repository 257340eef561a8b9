// The server the end-to-end tests run against: a test stack whose default model is a paced fake upstream, so
// that a reply streams for a few seconds (long enough to watch it grow and to stop it).
import { E2E_ADMIN } from "./e2e-accounts";
import { startFakeUpstream } from "./fake-upstream";
import { startTestStack } from "./test-stack";

export const E2E_REPLY = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");

const upstream = await startFakeUpstream({ scenario: { reply: E2E_REPLY, paceMs: 50 } });
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
