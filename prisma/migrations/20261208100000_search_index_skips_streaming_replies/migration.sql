-- The trigram index over message text leaves out replies still being written (docs/architecture.md, "The data model").
-- A streaming reply is saved about once a second, and each save changed its whole text so far: every save put all
-- the trigrams of that text into the index again (a reply growing to 1,000 characters over 60 saves, about 30,000
-- entries), most of the work of each save. A reply now enters the index once, when its final save ends its
-- STREAMING status. Search reads finished messages only, as it must to use this index.
DROP INDEX "Message_content_trgm_idx";

-- CreateIndex
CREATE INDEX "Message_content_trgm_idx" ON "Message" USING GIN ("content" gin_trgm_ops) WHERE "status" <> 'STREAMING';
