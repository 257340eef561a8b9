// Every route of the API, with its methods, who may call it and which access matrix proves that. The three matrices
// (tests/integration/access-matrix.test.ts, team-access-matrix.test.ts, admin-access-matrix.test.ts) each check that
// they have rows for every route listed here for them; tests/unit/route-inventory.test.ts checks that this list
// names exactly the route files under app/api, the event-stream routes and the upload (both in lib/server). So a new
// route fails a test until it is listed here and its matrix has rows for it (docs/contributing.md, "Add a route").

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Which matrix covers a route: `access` (a user's own conversations, account and models), `team` (teams,
 * invitations, sharing, share links, the watch), `admin` (the console), `public` (open by design, each tested in
 * its own file: auth.test.ts, demo-model.test.ts; health has no data), `api` (personal API keys and the /v1 API:
 * tests/integration/api-access-matrix.test.ts).
 */
export type Matrix = "access" | "team" | "admin" | "public" | "api";

/** Who may call it, in the words of the access model (docs/architecture.md, "The access model"). */
export type Rule =
  | "anyone"
  | "signed in"
  | "conversation reader"
  | "conversation writer"
  | "conversation owner"
  | "conversation owner, or a team owner to stop sharing"
  | "team member"
  | "team owner"
  | "team owner, or the member themselves"
  | "link holder"
  | "signed-in link holder"
  | "admin"
  | "API key holder";

export type InventoryRoute = { method: Method; route: string; matrix: Matrix; rule: Rule };

const conversation = "/api/conversations/[id]";
const team = "/api/teams/[id]";

function route(method: Method, path: string, matrix: Matrix, rule: Rule): InventoryRoute {
  return { method, route: path, matrix, rule };
}

export const routeInventory: InventoryRoute[] = [
  route("GET", "/api/health", "public", "anyone"),
  route("GET", "/api/auth/[...nextauth]", "public", "anyone"),
  route("POST", "/api/auth/[...nextauth]", "public", "anyone"),
  route("POST", "/api/auth/register", "public", "anyone"),
  route("POST", "/api/auth/password-reset", "public", "anyone"),
  route("POST", "/api/auth/forgot-password", "public", "anyone"),
  route("POST", "/api/demo/v1/chat/completions", "public", "anyone"),

  route("GET", "/api/models", "access", "signed in"),
  route("GET", "/api/account/export", "access", "signed in"),
  // Served on node:http rather than by a route file (lib/server/upload-route.ts).
  route("POST", "/api/attachments", "access", "signed in"),
  route("GET", "/api/attachments/[attachmentId]", "access", "conversation reader"),
  route("DELETE", "/api/attachments/[attachmentId]", "access", "signed in"),
  route("POST", "/api/account/import", "access", "signed in"),
  route("PATCH", "/api/account", "access", "signed in"),
  route("DELETE", "/api/account", "access", "signed in"),
  route("POST", "/api/account/password", "access", "signed in"),
  route("PUT", "/api/account/instructions", "access", "signed in"),
  route("GET", "/api/conversations", "access", "signed in"),
  route("POST", "/api/conversations", "access", "signed in"),
  route("GET", "/api/conversations/search", "access", "signed in"),
  route("GET", "/api/conversations/shared", "access", "signed in"),
  route("GET", conversation, "access", "conversation reader"),
  route("PATCH", conversation, "access", "conversation owner"),
  route("DELETE", conversation, "access", "conversation owner"),
  route("POST", `${conversation}/restore`, "access", "conversation owner"),
  route("GET", `${conversation}/thread`, "access", "conversation reader"),
  route("GET", `${conversation}/export`, "access", "conversation reader"),
  route("PUT", `${conversation}/current-message`, "access", "conversation writer"),
  route("POST", `${conversation}/stop`, "access", "conversation writer"),
  route("GET", `${conversation}/feedback`, "access", "conversation reader"),
  route("PUT", `${conversation}/messages/[messageId]/feedback`, "access", "conversation reader"),
  route("DELETE", `${conversation}/messages/[messageId]/feedback`, "access", "conversation reader"),
  // Event-stream routes (lib/server/event-stream-routes.ts), served on node:http rather than by route files.
  route("POST", `${conversation}/messages`, "access", "conversation writer"),
  route("POST", `${conversation}/messages/[messageId]/regenerate`, "access", "conversation writer"),
  route("GET", `${conversation}/stream`, "access", "conversation reader"),
  route("GET", `${conversation}/events`, "team", "conversation reader"),

  route("GET", `${conversation}/team`, "team", "conversation owner"),
  route("PUT", `${conversation}/team`, "team", "conversation owner, or a team owner to stop sharing"),
  route("POST", `${conversation}/copy`, "team", "conversation reader"),
  route("GET", `${conversation}/share-links`, "team", "conversation owner"),
  route("POST", `${conversation}/share-links`, "team", "conversation owner"),
  route("DELETE", `${conversation}/share-links/[linkId]`, "team", "conversation owner"),
  route("POST", "/api/share/[token]/copy", "team", "signed-in link holder"),
  route("GET", "/api/share/[token]/attachments/[attachmentId]", "team", "link holder"),
  route("GET", "/api/teams", "team", "signed in"),
  route("POST", "/api/teams", "team", "signed in"),
  route("GET", team, "team", "team member"),
  route("PATCH", team, "team", "team owner"),
  route("DELETE", team, "team", "team owner"),
  route("GET", `${team}/conversations`, "team", "team member"),
  route("GET", `${team}/conversations/search`, "team", "team member"),
  route("GET", `${team}/invitations`, "team", "team owner"),
  route("POST", `${team}/invitations`, "team", "team owner"),
  route("DELETE", `${team}/invitations/[invitationId]`, "team", "team owner"),
  route("PATCH", `${team}/members/[userId]`, "team", "team owner"),
  route("DELETE", `${team}/members/[userId]`, "team", "team owner, or the member themselves"),
  route("GET", "/api/invitations/[token]", "team", "link holder"),
  route("POST", "/api/invitations/[token]/accept", "team", "signed-in link holder"),

  route("GET", "/api/admin/providers", "admin", "admin"),
  route("POST", "/api/admin/providers", "admin", "admin"),
  route("PATCH", "/api/admin/providers/[id]", "admin", "admin"),
  route("DELETE", "/api/admin/providers/[id]", "admin", "admin"),
  route("POST", "/api/admin/providers/[id]/test", "admin", "admin"),
  route("GET", "/api/admin/models", "admin", "admin"),
  route("POST", "/api/admin/models", "admin", "admin"),
  route("PATCH", "/api/admin/models/[id]", "admin", "admin"),
  route("DELETE", "/api/admin/models/[id]", "admin", "admin"),
  route("GET", "/api/admin/users", "admin", "admin"),
  route("PATCH", "/api/admin/users/[id]", "admin", "admin"),
  route("DELETE", "/api/admin/users/[id]", "admin", "admin"),
  route("POST", "/api/admin/users/[id]/reset-link", "admin", "admin"),
  route("GET", "/api/admin/sso-providers", "admin", "admin"),
  route("GET", "/api/admin/password-sign-in", "admin", "admin"),
  route("PUT", "/api/admin/password-sign-in", "admin", "admin"),
  route("POST", "/api/admin/sso-providers", "admin", "admin"),
  route("PATCH", "/api/admin/sso-providers/[id]", "admin", "admin"),
  route("DELETE", "/api/admin/sso-providers/[id]", "admin", "admin"),
  route("GET", "/api/admin/teams", "admin", "admin"),
  route("GET", "/api/admin/audit-log", "admin", "admin"),
  route("GET", "/api/admin/public-links", "admin", "admin"),
  route("PUT", "/api/admin/public-links", "admin", "admin"),
  route("GET", "/api/admin/registration-policy", "admin", "admin"),
  route("PUT", "/api/admin/registration-policy", "admin", "admin"),
  route("GET", "/api/admin/reply-streams", "admin", "admin"),
  route("PUT", "/api/admin/reply-streams", "admin", "admin"),
  route("GET", "/api/admin/attachment-limits", "admin", "admin"),
  route("PUT", "/api/admin/attachment-limits", "admin", "admin"),

  // Personal API keys and the /v1 API (issue 17); /v1/models lives under app/v1, /v1/chat/completions is an event-stream route.
  route("GET", "/api/account/api-keys", "api", "signed in"),
  route("POST", "/api/account/api-keys", "api", "signed in"),
  route("DELETE", "/api/account/api-keys/[id]", "api", "signed in"),
  route("GET", "/v1/models", "api", "API key holder"),
  route("GET", "/v1/models/[model]", "api", "API key holder"),
  route("POST", "/v1/chat/completions", "api", "API key holder"),
  route("GET", "/api/admin/api-keys", "admin", "admin"),
  route("DELETE", "/api/admin/api-keys/[id]", "admin", "admin"),
  route("GET", "/api/admin/api-access", "admin", "admin"),
  route("PUT", "/api/admin/api-access", "admin", "admin"),
  route("GET", "/api/admin/usage-limits", "admin", "admin"),
  route("PUT", "/api/admin/usage-limits", "admin", "admin"),
  route("PUT", "/api/admin/model-prices", "admin", "admin"),
  route("GET", "/api/admin/usage", "admin", "admin"),
  route("GET", "/api/account/usage", "api", "signed in"),
];

/**
 * "METHOD /api/path" with every route parameter written `[*]`: the matrices name their parameters after what they
 * fill in (`[conversationId]`, `[providerId]`), the folders after Next's segments (`[id]`).
 */
export function routeKey(method: string, path: string): string {
  return `${method} ${path.replace(/\[(?!\.\.\.)[^\]]+\]/g, "[*]")}`;
}

/** The routes a matrix must have rows for, as route keys. */
export function routesOfMatrix(matrix: Matrix): string[] {
  return routeInventory.filter((entry) => entry.matrix === matrix).map((entry) => routeKey(entry.method, entry.route));
}

/** Of the routes a matrix must cover, those its rows miss (an empty list when it covers them all). */
export function uncoveredRoutes(matrix: Matrix, rows: { method: string; route: string }[]): string[] {
  const covered = new Set(rows.map((row) => routeKey(row.method, row.route)));
  return routesOfMatrix(matrix).filter((key) => !covered.has(key));
}
