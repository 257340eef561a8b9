-- Why a reply's model call failed (category and HTTP status), shown to admins only.
ALTER TABLE "Message" ADD COLUMN "errorCause" JSONB;
