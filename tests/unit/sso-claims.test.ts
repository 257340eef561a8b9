// The SSO claim mapping (which groups make an admin or a team member) and the sign-in page's reading of next-auth's
// error codes.
import { describe, expect, it } from "vitest";
import { ssoErrorKey } from "@/app/_components/auth/sso-error";
import { grantsFromClaims } from "@/lib/sso/claim-mapping";

const provider = {
  groupsClaim: "groups",
  adminGroup: "admins",
  teamMappings: [
    { group: "research", teamId: "team-research", role: "EDITOR" },
    { group: "sales", teamId: "team-sales", role: "VIEWER" },
  ],
};

describe("grantsFromClaims", () => {
  it("makes an admin and a team member from the groups claim", () => {
    expect(grantsFromClaims(provider, { groups: ["admins", "research"] })).toEqual({
      isAdmin: true,
      teams: [{ teamId: "team-research", role: "EDITOR" }],
    });
  });

  it("grants nothing without the groups, with a claim of another name, or without an admin group", () => {
    expect(grantsFromClaims(provider, { sub: "x" })).toEqual({ isAdmin: false, teams: [] });
    expect(grantsFromClaims({ ...provider, groupsClaim: "roles" }, { groups: ["admins"] })).toEqual({
      isAdmin: false,
      teams: [],
    });
    expect(grantsFromClaims({ ...provider, adminGroup: null }, { groups: ["admins"] }).isAdmin).toBe(false);
  });

  it("reads a single group given as a string, and ignores malformed mappings", () => {
    expect(grantsFromClaims(provider, { groups: "sales" }).teams).toEqual([{ teamId: "team-sales", role: "VIEWER" }]);
    expect(grantsFromClaims({ ...provider, teamMappings: [{ group: "x" }] }, { groups: ["x"] }).teams).toEqual([]);
  });
});

describe("ssoErrorKey", () => {
  it("names the refusals it knows, one generic sentence for the rest, nothing without an error", () => {
    expect(ssoErrorKey("SsoLinkRequired")).toBe("signIn.error.SsoLinkRequired");
    expect(ssoErrorKey("AccountDisabled")).toBe("signIn.accountDisabled");
    expect(ssoErrorKey("OAuthCallback")).toBe("signIn.error.generic");
    // The provider could not be reached to begin: no fault of the person's, and no use trying again at once.
    expect(ssoErrorKey("OAuthSignin")).toBe("signIn.error.providerUnreachable");
    expect(ssoErrorKey(undefined)).toBeNull();
  });
});
