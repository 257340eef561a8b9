-- De-duplicated attachment bytes (docs/architecture.md, "Attachments"): identical files are stored once, keyed by
-- their SHA-256, and each Attachment row (one per message, as before) points at them.

-- CreateTable
CREATE TABLE "AttachmentContent" (
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "refs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AttachmentContent_pkey" PRIMARY KEY ("sha256")
);

-- Data, the old column's removal and the foreign key in one statement, so in one transaction under the table's lock:
-- an upload by a process still on the old version waits, then fails on the missing column, instead of losing its
-- bytes between the copy and the drop. Each distinct content once, with the number of rows that use it.
DO $$
BEGIN
  LOCK TABLE "Attachment" IN SHARE ROW EXCLUSIVE MODE;
  INSERT INTO "AttachmentContent" ("sha256", "bytes", "size", "refs")
  SELECT DISTINCT ON ("sha256") "sha256", "bytes", octet_length("bytes"), count(*) OVER (PARTITION BY "sha256")
    FROM "Attachment"
   ORDER BY "sha256";
  ALTER TABLE "Attachment" DROP COLUMN "bytes";
  ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "AttachmentContent"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;
END
$$;

-- CreateIndex
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");

-- By hand (Prisma's schema cannot state triggers): the reference count of the bytes, kept by the database itself so
-- that every way an Attachment row goes (a delete, a cascade from its message or conversation, the sweeps) gives
-- its reference back, and the bytes go with the last reference. The count's row lock orders a new upload of the
-- same bytes (lib/db/attachments.ts locks the row with its upsert) against the deletion of the last reference.
CREATE FUNCTION "attachment_content_refs"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "AttachmentContent" SET "refs" = "refs" + 1 WHERE "sha256" = NEW."sha256";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "AttachmentContent" SET "refs" = "refs" - 1 WHERE "sha256" = OLD."sha256";
    DELETE FROM "AttachmentContent" WHERE "sha256" = OLD."sha256" AND "refs" <= 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Attachment_content_refs_insert_delete" AFTER INSERT OR DELETE ON "Attachment"
  FOR EACH ROW EXECUTE FUNCTION "attachment_content_refs"();
CREATE TRIGGER "Attachment_content_refs_update" AFTER UPDATE OF "sha256" ON "Attachment"
  FOR EACH ROW WHEN (OLD."sha256" IS DISTINCT FROM NEW."sha256") EXECUTE FUNCTION "attachment_content_refs"();
