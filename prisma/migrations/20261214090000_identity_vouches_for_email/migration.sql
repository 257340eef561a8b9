-- Whether the provider vouched for the account's email when the identity was linked (see the schema). Identities
-- linked before are not known to have: the next reset link of their account unlinks them (their owner links again
-- from Settings), so that one made with an address its provider never verified cannot outlive its owner's recovery.
ALTER TABLE "UserIdentity" ADD COLUMN "vouchesForEmail" BOOLEAN NOT NULL DEFAULT false;
-- Every new identity says it explicitly (lib/db/sso.ts).
ALTER TABLE "UserIdentity" ALTER COLUMN "vouchesForEmail" DROP DEFAULT;
