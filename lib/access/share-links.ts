// Which share links still open their snapshot: not revoked, not expired, and their conversation not deleted.
// (Whether public links are allowed at all is the admin's setting, lib/share-links/public-share-links.ts.)
import type { Prisma } from "../db/client";

export function liveShareLinksWhere(now: Date): Prisma.ShareLinkWhereInput {
  return {
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    conversation: { deletedAt: null },
  };
}
