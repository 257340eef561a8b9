-- CreateEnum
CREATE TYPE "ReplyRating" AS ENUM ('GOOD', 'BAD');

-- CreateTable
CREATE TABLE "ReplyFeedback" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rating" "ReplyRating" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplyFeedback_pkey" PRIMARY KEY ("messageId","userId")
);

-- CreateIndex
CREATE INDEX "ReplyFeedback_updatedAt_idx" ON "ReplyFeedback"("updatedAt");

-- AddForeignKey
ALTER TABLE "ReplyFeedback" ADD CONSTRAINT "ReplyFeedback_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyFeedback" ADD CONSTRAINT "ReplyFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
