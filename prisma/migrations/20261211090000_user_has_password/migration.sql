-- Whether the account's owner knows its password (docs/architecture.md, "Accounts without a password"). An account
-- made by a first single sign-on, or whose password a single sign-on replaced, has a password nobody knows: Settings
-- then offers to set one by a link instead of asking for it.
ALTER TABLE "User" ADD COLUMN "hasPassword" BOOLEAN NOT NULL DEFAULT true;

-- Accounts from before this column, as far as the database tells: made by a single sign-on (an identity linked in the
-- account's first minute), or taken over by one (its audit entry says the password was replaced), and given no
-- password since by a reset link used after their latest identity was linked.
UPDATE "User" u SET "hasPassword" = false
 WHERE (
         EXISTS (SELECT 1 FROM "UserIdentity" i
                  WHERE i."userId" = u.id AND i."createdAt" <= u."createdAt" + interval '1 minute')
      OR EXISTS (SELECT 1 FROM "AuditLog" a
                  WHERE a."targetType" = 'user' AND a."targetId" = u.id AND a.action = 'user.update'
                    AND a.after ->> 'passwordReplaced' = 'true')
       )
   AND NOT EXISTS (SELECT 1 FROM "PasswordResetToken" t
                    WHERE t."userId" = u.id AND t."usedAt" IS NOT NULL
                      AND t."usedAt" > (SELECT max(i."createdAt") FROM "UserIdentity" i WHERE i."userId" = u.id));
