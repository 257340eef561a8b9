// GET /api/health – liveness for load balancers and the container healthcheck; with ?ready, readiness: the
// database answers, every migration is applied and the process is not shutting down (else 503 with Retry-After).

import { checkReadiness } from "@/lib/cluster/readiness";
import { errorResponse } from "@/lib/http/handler";

export async function GET(request: Request) {
  if (!new URL(request.url).searchParams.has("ready")) return Response.json({ status: "ok" });
  try {
    await checkReadiness();
    return Response.json({ status: "ok", database: "ok" });
  } catch (error) {
    return errorResponse(error);
  }
}
