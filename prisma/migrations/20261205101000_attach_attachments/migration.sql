-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('IMAGE', 'DOCUMENT');

-- AlterTable
ALTER TABLE "Model" ADD COLUMN "readsImages" BOOLEAN NOT NULL DEFAULT false;

-- Existing models of well-known vision families read images (the same rule as lib/attachments/vision-models.ts).
UPDATE "Model" SET "readsImages" = true
 WHERE lower("upstreamName") ~ '(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|(^|[^a-z0-9])o[34]([^a-z0-9]|$)|claude-3|claude-(opus|sonnet|haiku)-4|claude-[a-z]+-4|gemini|llava|qwen[0-9.]*-?vl|pixtral|llama-?3\.2-?(11|90)b-vision|llama-4|gemma-?3|minicpm-v|internvl|vision)';

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT,
    "messageId" TEXT,
    "name" TEXT NOT NULL,
    "kind" "AttachmentKind" NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "text" TEXT,
    "tokenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");

-- CreateIndex
CREATE INDEX "Attachment_ownerId_createdAt_idx" ON "Attachment"("ownerId", "createdAt");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
