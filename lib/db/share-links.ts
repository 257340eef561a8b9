// Share links of conversations. Callers pass the conversation they already authorized, or a live-link scope
// from lib/access/share-links.ts for a visitor who brings a token.
import { AppError } from "../errors";
import { db, type Prisma } from "./client";

const linkFields = {
  id: true,
  title: true,
  messageId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  includesImages: true,
  includesDocuments: true,
} as const;
type LinkRow = Prisma.ShareLinkGetPayload<{ select: typeof linkFields }>;

export type ShareLinkSummary = Omit<LinkRow, "revokedAt"> & { revoked: boolean };

function toSummary({ revokedAt, ...link }: LinkRow): ShareLinkSummary {
  return { ...link, revoked: revokedAt !== null };
}

export async function createShareLink(data: {
  conversationId: string;
  messageId: string;
  title: string;
  tokenHash: string;
  expiresAt: Date | null;
  createdById: string;
  includesImages: boolean;
  includesDocuments: boolean;
}): Promise<ShareLinkSummary> {
  return toSummary(await db().shareLink.create({ data, select: linkFields }));
}

/** Newest first; revoked and expired ones included, so that the owner sees what they once shared. */
export async function listShareLinks(conversationId: string): Promise<ShareLinkSummary[]> {
  const rows = await db().shareLink.findMany({
    where: { conversationId },
    select: linkFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toSummary);
}

/** Revoking twice changes nothing: the first revocation's time stays. Not found: not a link of this conversation. */
export async function revokeShareLink(conversationId: string, linkId: string): Promise<void> {
  const link = { id: linkId, conversationId };
  const { count } = await db().shareLink.updateMany({
    where: { ...link, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0 && (await db().shareLink.count({ where: link })) === 0) {
    throw new AppError("not_found", "Share link not found.");
  }
}

/** The link with this token hash if `scope` lets it open, with what its snapshot needs of the conversation. */
export async function findShareLinkByTokenHash(scope: Prisma.ShareLinkWhereInput, tokenHash: string) {
  return db().shareLink.findFirst({
    where: { AND: [scope, { tokenHash }] },
    select: {
      conversationId: true,
      messageId: true,
      title: true,
      includesImages: true,
      includesDocuments: true,
      conversation: { select: { modelId: true } },
    },
  });
}
