-- A reasoning model's thinking, kept beside its reply (never sent back as context), and how long it thought.
ALTER TABLE "Message" ADD COLUMN "reasoning" TEXT,
ADD COLUMN "reasoningMs" INTEGER;
