// What the admin console's forms know of GitHub too (they run in the browser): the issuer that marks a provider as a
// GitHub OAuth app, and the scopes its sign-in asks for. The sign-in itself is github.ts, on the server.

/** A provider whose issuer is this is a GitHub OAuth app; also the issuer of its identities. */
export const GITHUB_ISSUER = "https://github.com";
export const GITHUB_SCOPES = "read:user user:email";

export const isGitHubIssuer = (issuer: string) => issuer.replace(/\/$/, "") === GITHUB_ISSUER;
