// GitHub's profile mapped to the identity Parley signs in with: issuer, numeric subject, primary email, verified.
import { describe, expect, it } from "vitest";
import { claimsFromGitHubProfile } from "@/lib/sso/github";
import { isGitHubIssuer } from "@/lib/sso/github-app";

const user = { id: 583231, login: "octocat", name: "The Octocat", email: "public@example.test" };

describe("claimsFromGitHubProfile", () => {
  it("uses github.com as issuer, the numeric id as subject and the verified primary email", () => {
    const claims = claimsFromGitHubProfile({
      ...user,
      parleyEmails: [
        { email: "other@example.test", primary: false, verified: true },
        { email: "octo@example.test", primary: true, verified: true },
      ],
    });
    expect(claims).toEqual({
      iss: "https://github.com",
      sub: "583231",
      email: "octo@example.test",
      email_verified: true,
      name: "The Octocat",
    });
  });

  it("does not call an unverified primary email verified", () => {
    const claims = claimsFromGitHubProfile({
      ...user,
      parleyEmails: [{ email: "octo@example.test", primary: true, verified: false }],
    });
    expect(claims.email).toBe("octo@example.test");
    expect(claims.email_verified).toBe(false);
  });

  it("keeps the public email unverified when the email list could not be read, and names by login", () => {
    const claims = claimsFromGitHubProfile({ ...user, name: null });
    expect(claims).toMatchObject({ email: "public@example.test", email_verified: false, name: "octocat" });
  });

  it("refuses a profile without an id", () => {
    expect(() => claimsFromGitHubProfile({ login: "octocat" })).toThrow();
  });
});

describe("isGitHubIssuer", () => {
  it("recognises github.com with or without a trailing slash, and nothing else", () => {
    expect(isGitHubIssuer("https://github.com/")).toBe(true);
    expect(isGitHubIssuer("https://github.com")).toBe(true);
    expect(isGitHubIssuer("https://gitlab.com")).toBe(false);
  });
});
