// Another process holding an embedded cluster, as a second `npm run dev` on the same folder would: it starts (or
// shares) the cluster in the folder given, prints `ready`, and stops it on SIGTERM. A test kills it with SIGKILL to
// leave the cluster behind, as a crash would.
import { startEmbeddedPostgres } from "@/lib/bootstrap/embedded-postgres";

const [dataDir = "", password = ""] = process.argv.slice(2);
const cluster = await startEmbeddedPostgres(dataDir, { password });
process.once("SIGTERM", async () => {
  await cluster.stop();
  process.exit(0);
});
console.log("ready");
