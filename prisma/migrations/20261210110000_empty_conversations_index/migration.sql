-- The clean-up sweep (lib/server/clean-up-sweep.ts) looks every 10 minutes, in every process, for conversations that
-- never got a message and were left untouched for a week: this index holds those alone (a handful), so the sweep
-- reads them without scanning every conversation.
CREATE INDEX "Conversation_empty_updatedAt_idx" ON "Conversation" ("updatedAt") WHERE "currentLeafId" IS NULL;
