-- The clean-up sweep (lib/server/clean-up-sweep.ts) looks every 10 minutes, in every process, for conversations
-- deleted longer ago than Undo reaches, oldest first, to purge them: this index holds the deleted ones alone, so the
-- sweep reads them without scanning every conversation.
CREATE INDEX "Conversation_deleted_deletedAt_idx" ON "Conversation" ("deletedAt") WHERE "deletedAt" IS NOT NULL;
