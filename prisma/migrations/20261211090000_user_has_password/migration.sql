-- Whether the account's owner knows its password (docs/architecture.md, "Accounts without a password"). An account
-- made by a first single sign-on, or whose password a single sign-on replaced, has a password nobody knows: Settings
-- then offers to set one by a link instead of asking for it. Accounts made before this column are taken to have one,
-- as before.
ALTER TABLE "User" ADD COLUMN "hasPassword" BOOLEAN NOT NULL DEFAULT true;
