-- A usage reservation records the app process that took it, so that only a dead process's reservations are released.
ALTER TABLE "UsageReservation" ADD COLUMN "ownerProcessId" TEXT;
