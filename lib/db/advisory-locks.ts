// Every PostgreSQL advisory lock Parley takes, by name. Each key must be its own: two features sharing one would
// queue each other's transactions for nothing (tests/unit/advisory-locks.test.ts checks that they differ).
export const ADVISORY_LOCKS = {
  /** Serialises "is this the first user?" (the first becomes admin) across processes. */
  firstUser: 7_340_001,
  /** Serialises changes that move the default model or remove models (lib/db/model-admin.ts). */
  modelCatalogue: 7_340_002,
  /** Serialises changes that can take an admin away (lib/db/user-admin.ts). */
  admins: 7_340_003,
  /** Held by a starting process around its migrations, so that processes starting together apply them once. */
  migrations: 7_265_726_108,
} as const;
