// GET /api/health – liveness for load balancers and the container healthcheck.
export function GET() {
  return Response.json({ status: "ok" });
}
