// Points lib/ in the test process at the test stack's database, so that tests can check what was stored.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
