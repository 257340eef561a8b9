// Everything a measurement needs, started once by run.ts.
import type { FakeUpstream } from "../support/fake-upstream";
import type { Session } from "./bench-client";
import type { BenchConfig } from "./bench-config";
import type { BenchDatabase } from "./bench-database";
import type { ConversationPool } from "./conversation-pool";
import type { Target } from "./targets";

export type BenchContext = {
  config: BenchConfig;
  fake: FakeUpstream;
  direct: Target;
  relay: Target;
  app: Target;
  session: Session;
  pool: ConversationPool;
  database: BenchDatabase;
  /** The PostgreSQL server processes the app uses, for the database's share of a turn's CPU. */
  databaseProcessIds: () => number[];
};
