-- Provenance of a message: true when it came from an imported file, so that a reply is never passed off as the model's.
ALTER TABLE "Message" ADD COLUMN "imported" BOOLEAN NOT NULL DEFAULT false;
