// The models of the /v1 API's list: what names them (lib/v1/api-models.ts picks the stable id).
import { db, type Prisma } from "./client";

export async function listModelNames(scope: Prisma.ModelWhereInput) {
  return db().model.findMany({ where: scope, select: { id: true, upstreamName: true, createdAt: true } });
}
