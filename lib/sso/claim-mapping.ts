// Claim mapping of an SSO provider: which groups (in the claim the admin named, "groups" by default) make an admin
// and which put a person into a team with a role.
import { z } from "zod";
import type { SsoProviderRow } from "../db/sso";
import type { ClaimGrants } from "../db/sso-claims";

export const teamMappingSchema = z.strictObject({
  group: z.string().trim().min(1).max(200),
  teamId: z.string().trim().min(1).max(40),
  role: z.enum(["OWNER", "EDITOR", "VIEWER"]),
});
export const teamMappingsSchema = z.array(teamMappingSchema).max(50);

function groupsOf(claims: unknown, claimName: string): string[] {
  if (!claims || typeof claims !== "object") return [];
  const value = (claims as Record<string, unknown>)[claimName];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

export function grantsFromClaims(
  provider: Pick<SsoProviderRow, "groupsClaim" | "adminGroup" | "teamMappings">,
  claims: unknown,
): ClaimGrants {
  const groups = new Set(groupsOf(claims, provider.groupsClaim));
  const mappings = teamMappingsSchema.safeParse(provider.teamMappings ?? []);
  const teams = (mappings.success ? mappings.data : [])
    .filter((mapping) => groups.has(mapping.group))
    .map(({ teamId, role }) => ({ teamId, role }));
  return { isAdmin: provider.adminGroup !== null && groups.has(provider.adminGroup), teams };
}
