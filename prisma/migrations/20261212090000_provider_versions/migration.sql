-- A version on providers and single sign-on providers, as models have had since the start: raised on every change,
-- so that an admin's edit form loaded before another admin's change is refused instead of undoing it
-- (lib/db/edit-versions.ts). A constant default: PostgreSQL adds the columns without rewriting the tables.
ALTER TABLE "Provider" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "SsoProvider" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
