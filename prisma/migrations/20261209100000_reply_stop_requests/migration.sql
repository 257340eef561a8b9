-- A Stop is recorded on the replies it is for, not only sent on the processes' bus, whose message a process misses
-- while its connection is down (docs/architecture.md, "Stopping a reply"). A constant default: PostgreSQL adds the
-- column without rewriting the table.
ALTER TABLE "Message" ADD COLUMN "stopRequested" BOOLEAN NOT NULL DEFAULT false;
