-- History: pinned conversations, and trigram indexes for searching titles and message text.
-- pg_trgm ships with PostgreSQL (contrib). Substring search with ILIKE uses these GIN indexes.
-- (No semicolons or quotes in these comments: the migration runner splits the script on them.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "pinnedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Conversation_title_trgm_idx" ON "Conversation" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Message_content_trgm_idx" ON "Message" USING GIN ("content" gin_trgm_ops);
