-- A ledger row names the usage reservation its turn settles, so that a counter made again (an admin's new limit or
-- price) between the row's write and the settle counts the turn once, as its reservation, not also as its row
-- (lib/db/usage-counters.ts). Nullable, no default: PostgreSQL adds the column without rewriting the table.
ALTER TABLE "ReplyUsage" ADD COLUMN "reservationId" TEXT;
