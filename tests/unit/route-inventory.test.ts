// The route inventory (tests/support/route-inventory.ts) names exactly the routes that exist: every route file under
// app/api with each method it exports, every event-stream route and the upload (both on node:http). A route added without an inventory line fails
// here; the matrices then fail until they have rows for it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventStreamRoutes } from "@/lib/server/event-stream-routes";
import { uploadRoute } from "@/lib/server/upload-route";
import { V1_NEXT_ROUTES } from "@/lib/v1/unknown-endpoints";
import { routeInventory, routesOfMatrix, uncoveredRoutes } from "../support/route-inventory";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
// Parley's own OpenAI-compatible API (issue 17), at /v1 beside /api.
const V1_DIR = path.resolve(import.meta.dirname, "../../app/v1");

/** "METHOD /api/path" for each method a route file exports (`export const GET`, or `export { handler as GET }`). */
function scanRouteFiles(directory = API_DIR, prefix = "/api"): string[] {
  return (readdirSync(directory, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .flatMap((file) => {
      const source = readFileSync(path.join(directory, file), "utf8");
      const methods = [...source.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b(?=\s*=|\s*\(|\s*[,}])/g)].map(
        (match) => match[1],
      );
      const route = `${prefix}/${path.dirname(file).split(path.sep).join("/")}`.replace(/\/\.$/, "");
      return [...new Set(methods)].map((method) => `${method} ${route}`);
    });
}

describe("the route inventory", () => {
  it("lists every route file and event-stream route, with each of its methods, and nothing else", () => {
    const existing = [
      ...scanRouteFiles(),
      ...scanRouteFiles(V1_DIR, "/v1"),
      ...eventStreamRoutes.map((route) => `${route.method} ${route.path}`),
      `${uploadRoute.method} ${uploadRoute.path}`,
    ].sort();
    const listed = routeInventory.map((entry) => `${entry.method} ${entry.route}`).sort();
    expect(existing.length).toBeGreaterThan(50);
    expect(listed).toEqual(existing);
  });

  it("gives the /v1 API the methods of its route files, to answer the others in OpenAI's error shape", () => {
    const declared = Object.entries(V1_NEXT_ROUTES).flatMap(([route, methods]) =>
      methods.map((method) => `${method} ${route}`),
    );
    expect(declared.sort()).toEqual(scanRouteFiles(V1_DIR, "/v1").sort());
  });

  it("lists each route once", () => {
    const listed = routeInventory.map((entry) => `${entry.method} ${entry.route}`);
    expect(listed.filter((entry, index) => listed.indexOf(entry) !== index)).toEqual([]);
  });

  it("tells a matrix which of its routes its rows miss, whatever the rows call the route parameters", () => {
    const adminRows = routeInventory
      .filter((entry) => entry.matrix === "admin")
      .map((entry) => ({ method: entry.method, route: entry.route.replace("[id]", "[providerId]") }));
    expect(uncoveredRoutes("admin", adminRows)).toEqual([]);
    const withoutOne = adminRows.filter(
      (row) => !(row.method === "DELETE" && row.route.startsWith("/api/admin/users/")),
    );
    expect(uncoveredRoutes("admin", withoutOne)).toEqual(["DELETE /api/admin/users/[*]"]);
    expect(routesOfMatrix("admin")).toHaveLength(adminRows.length);
  });
});
