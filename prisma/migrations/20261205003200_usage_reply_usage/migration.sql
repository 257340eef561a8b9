-- CreateTable
CREATE TABLE "ReplyUsage" (
    "id" TEXT NOT NULL,
    "messageId" TEXT,
    "userId" TEXT NOT NULL,
    "teamId" TEXT,
    "modelId" TEXT,
    "modelVersion" INTEGER,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "reasoningTokens" INTEGER,
    "cachedTokens" INTEGER,
    "isEstimated" BOOLEAN NOT NULL,
    "timeToFirstTokenMs" INTEGER,
    "timeToAnswerMs" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "tokensPerSecond" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyUsage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplyUsage_messageId_key" ON "ReplyUsage"("messageId");

-- CreateIndex
CREATE INDEX "ReplyUsage_userId_createdAt_idx" ON "ReplyUsage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplyUsage_teamId_createdAt_idx" ON "ReplyUsage"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplyUsage_modelId_createdAt_idx" ON "ReplyUsage"("modelId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplyUsage_createdAt_idx" ON "ReplyUsage"("createdAt");

-- AddForeignKey
ALTER TABLE "ReplyUsage" ADD CONSTRAINT "ReplyUsage_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyUsage" ADD CONSTRAINT "ReplyUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyUsage" ADD CONSTRAINT "ReplyUsage_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyUsage" ADD CONSTRAINT "ReplyUsage_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;
