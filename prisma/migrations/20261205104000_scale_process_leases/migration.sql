-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "ownerProcessId" TEXT;

-- CreateTable
CREATE TABLE "ProcessLease" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "renewedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessLease_pkey" PRIMARY KEY ("id")
);

-- By hand (a partial index Prisma's schema cannot state): the recovery sweep, every few seconds in every process,
-- reads only the replies still STREAMING.
CREATE INDEX "Message_streaming_owner_idx" ON "Message" ("ownerProcessId") WHERE status = 'STREAMING';
