// GET /api/health – liveness for load balancers and the container healthcheck; with ?ready, readiness: the
// database answers too (503 with Retry-After while it cannot be reached).

import { pingDatabase } from "@/lib/db/health";
import { errorResponse } from "@/lib/http/handler";

export async function GET(request: Request) {
  if (!new URL(request.url).searchParams.has("ready")) return Response.json({ status: "ok" });
  try {
    await pingDatabase();
    return Response.json({ status: "ok", database: "ok" });
  } catch (error) {
    return errorResponse(error);
  }
}
