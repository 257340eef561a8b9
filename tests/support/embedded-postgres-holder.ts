// Another process holding an embedded cluster, as a second `npm run dev` on the same folder would: it starts (or
// shares) the cluster in the folder given, prints `ready`, and stops it on SIGTERM. A test kills it with SIGKILL to
// leave the cluster behind, as a crash would. On SIGINT (a terminal's Ctrl+C) it does as the launcher does, still
// using the database for a moment (the replies it saves) before it stops it, and prints whether the database answered.
import { startEmbeddedPostgres } from "@/lib/bootstrap/embedded-postgres";
import { queryDatabase } from "./database-query";

const [dataDir = "", password = ""] = process.argv.slice(2);
const cluster = await startEmbeddedPostgres(dataDir, { password, isInOwnSession: true });
const stop = async () => {
  await cluster.stop();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", async () => {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const answer = await queryDatabase(cluster.databaseUrl, "SELECT 1").then(
    () => "the database answered",
    (error: Error) => `the database failed: ${error.message}`,
  );
  console.log(answer);
  await stop();
});
console.log("ready");
