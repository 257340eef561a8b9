-- Whether the provider vouched for the account's email when the identity was linked (see the schema).
ALTER TABLE "UserIdentity" ADD COLUMN "vouchesForEmail" BOOLEAN NOT NULL DEFAULT false;
-- Identities linked before: an account without a password of its own was made by a provider's sign-in, or joined
-- to one by a verified email (which ended its password), so its provider is its owner's way in, and a first
-- password set by a reset link must not unlink it. An account with a password linked its identities from Settings,
-- and nothing says whether their provider vouched for its email: its next reset link unlinks them (the owner links
-- again from Settings), so that one linked by whoever held the account cannot outlive its owner's recovery.
UPDATE "UserIdentity" i SET "vouchesForEmail" = true FROM "User" u WHERE u.id = i."userId" AND NOT u."hasPassword";
-- Every new identity says it explicitly (lib/db/sso.ts).
ALTER TABLE "UserIdentity" ALTER COLUMN "vouchesForEmail" DROP DEFAULT;
