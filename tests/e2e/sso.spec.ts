// Single sign-on against a real OpenID provider (oidc-provider) run by this spec on loopback: the button, the
// provider's login page and back signed in; the same account the second time; group claims that make an admin and
// a team member; an unverified email that does not take over an account; closed registration with allowed
// domains; a forged state and a replayed code refused; a provider that cannot be reached.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { type OidcIssuer, startOidcIssuer } from "../support/oidc-issuer";
import { composer, expectNoSeriousViolations, keepScreenshot, newUserPage, signInAsAdmin, test } from "./helpers";

const slug = `idp-${randomUUID().slice(0, 6)}`;
const label = "Test IdP";
let issuer: OidcIssuer;
let admin: Page;
let providerId: string;
let teamId: string;

test.describe.configure({ mode: "serial" });

async function api(request: APIRequestContext, method: "post" | "put" | "delete", url: string, data?: object) {
  const response = await request[method](url, { data });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return response.status() === 204 ? null : ((await response.json()) as Record<string, unknown>);
}

test.beforeAll(async ({ browser, baseURL }) => {
  issuer = await startOidcIssuer([`${baseURL}/api/auth/callback/sso-${slug}`]);
  admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  const team = await api(admin.request, "post", "/api/teams", { name: `Research ${slug}` });
  teamId = String(team?.id);
  const created = await api(admin.request, "post", "/api/admin/sso-providers", {
    slug,
    label,
    issuer: issuer.issuer,
    clientId: issuer.clientId,
    clientSecret: issuer.clientSecret,
    scopes: "openid email profile groups",
    allowLinking: true,
    allowedDomains: "allowed.test",
    adminGroup: "parley-admins",
    teamMappings: [{ group: "research", teamId, role: "EDITOR" }],
  });
  providerId = String(created?.id);
});

test.afterAll(async () => {
  // The e2e stack is shared: no other spec should meet this provider's button.
  if (providerId) await api(admin.request, "delete", `/api/admin/sso-providers/${providerId}`);
  await admin.request.put("/api/admin/registration-policy", { data: { policy: "open" } });
  await issuer?.close();
  await admin.context().close();
});

/** Through the provider's own login and consent pages, as `login`; returns the callback URL the browser used. */
async function signInWithProvider(page: Page, login: string): Promise<string> {
  let callbackUrl = "";
  page.on("request", (request) => {
    if (request.url().includes(`/api/auth/callback/sso-${slug}`)) callbackUrl = request.url();
  });
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${label}` }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.href.startsWith(issuer.issuer) && !url.pathname.startsWith("/api/auth"));
  return callbackUrl;
}

async function sessionUser(page: Page) {
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    user?: { id: string; role: string };
  };
  return session.user ?? null;
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("the provider's button signs a new person in, groups make them admin and team member, the same account next time", async ({
  browser,
}) => {
  const email = `ada-${slug}@example.test`;
  issuer.accounts.set("ada", { email, email_verified: true, name: "Ada SSO", groups: ["parley-admins", "research"] });
  const page = await freshPage(browser);
  await signInWithProvider(page, "ada");
  await expect(composer(page)).toBeVisible();
  const first = await sessionUser(page);
  expect(first?.role).toBe("ADMIN");
  await page.goto("/teams");
  await expect(page.getByRole("link", { name: `Research ${slug}` })).toBeVisible();
  // Made by the provider, the account has no password of Ada's: Settings does not ask for one.
  await page.goto("/settings");
  await expect(page.getByText("You sign in with single sign-on and have no password for Parley.")).toBeVisible();
  await expect(page.getByText("ask an admin for a link to set your password")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveCount(0);
  await expect(page.getByLabel("Email", { exact: true })).not.toBeEditable();

  const again = await freshPage(browser);
  await signInWithProvider(again, "ada");
  await expect(composer(again)).toBeVisible();
  expect((await sessionUser(again))?.id).toBe(first?.id);
});

test("an unverified email does not take over an existing password account", async ({ browser }) => {
  const { email, context } = await newUserPage(browser, "Owner");
  await context.close();
  issuer.accounts.set("mallory", { email, email_verified: false, name: "Mallory" });
  const page = await freshPage(browser);
  await signInWithProvider(page, "mallory");
  await expect(page).toHaveURL(/\/sign-in\?error=SsoLinkRequired/);
  await expect(page.getByRole("alert").filter({ hasText: "Sign in with your password" })).toBeVisible();
  expect(await sessionUser(page)).toBeNull();
});

test("under closed registration only the allowed domains sign up", async ({ browser }) => {
  await api(admin.request, "put", "/api/admin/registration-policy", { policy: "closed" });
  issuer.accounts.set("outsider", { email: `out-${slug}@elsewhere.test`, email_verified: true, name: "Outsider" });
  issuer.accounts.set("insider", { email: `in-${slug}@allowed.test`, email_verified: true, name: "Insider" });
  const outsider = await freshPage(browser);
  await signInWithProvider(outsider, "outsider");
  await expect(outsider.getByRole("alert").filter({ hasText: "Registration is closed" })).toBeVisible();
  expect(await sessionUser(outsider)).toBeNull();

  const insider = await freshPage(browser);
  await signInWithProvider(insider, "insider");
  await expect(composer(insider)).toBeVisible();
  await api(admin.request, "put", "/api/admin/registration-policy", { policy: "open" });
});

test("a forged state and a replayed code are refused", async ({ browser }) => {
  issuer.accounts.set("bob", { email: `bob-${slug}@example.test`, email_verified: true, name: "Bob" });
  const page = await freshPage(browser);
  const callbackUrl = await signInWithProvider(page, "bob");
  await expect(composer(page)).toBeVisible();
  expect(callbackUrl).toContain("code=");

  const forged = new URL(callbackUrl);
  forged.searchParams.set("state", "forged-state");
  const attacker = await freshPage(browser);
  await attacker.goto(forged.toString());
  await expect(attacker.getByRole("alert").filter({ hasText: "Signing in did not work" })).toBeVisible();
  expect(await sessionUser(attacker)).toBeNull();

  const replay = await freshPage(browser);
  await replay.goto(callbackUrl);
  await expect(replay.getByRole("alert").filter({ hasText: "Signing in did not work" })).toBeVisible();
  expect(await sessionUser(replay)).toBeNull();
});

test("a provider that cannot be reached is told as such, in Chinese too", async ({ browser, baseURL }) => {
  const downSlug = `down-${randomUUID().slice(0, 6)}`;
  const down = await startOidcIssuer([`${baseURL}/api/auth/callback/sso-${downSlug}`]);
  const created = await api(admin.request, "post", "/api/admin/sso-providers", {
    slug: downSlug,
    label: "Down IdP",
    issuer: down.issuer,
    clientId: down.clientId,
    clientSecret: down.clientSecret,
  });
  await down.close();
  try {
    const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "通过 Down IdP 继续" }).click();
    await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthSignin/);
    await expect(page.getByRole("alert").filter({ hasText: "Parley 无法连接身份提供方" })).toBeVisible();
  } finally {
    await api(admin.request, "delete", `/api/admin/sso-providers/${created?.id}`);
  }
});

test("the console lists the provider, and the sign-in page shows its button", async ({ browser }, testInfo) => {
  await admin.goto("/admin/users");
  await expect(admin.getByRole("listitem", { name: label })).toContainText(issuer.issuer);
  await admin.getByRole("heading", { name: "Single sign-on" }).scrollIntoViewIfNeeded();
  await keepScreenshot(admin, testInfo, "admin-sso");
  const page = await freshPage(browser);
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: `Continue with ${label}` })).toBeVisible();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "sign-in-sso");
});

test("a preset fills in what it knows and keeps what the admin typed", async () => {
  await admin.goto("/admin/users");
  const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Add provider" }) });
  await form.getByLabel("Client ID").fill("typed-client");
  await form.getByLabel("Client secret").fill("typed-secret");
  await form.getByLabel("Admin group").fill("typed-admins");
  await form.getByRole("button", { name: "Google" }).click();
  await expect(form.getByLabel("Issuer URL")).toHaveValue("https://accounts.google.com");
  await expect(form.getByLabel("Short name")).toHaveValue("google");
  await expect(form.getByLabel("Button label")).toHaveValue("Google");
  await expect(form.getByLabel("Client ID")).toHaveValue("typed-client");
  await expect(form.getByLabel("Client secret")).toHaveValue("typed-secret");
  await expect(form.getByLabel("Admin group")).toHaveValue("typed-admins");

  // The previous preset's short name and label give way; the admin's own label stays.
  await form.getByLabel("Button label").fill("Corporate GitHub");
  await form.getByRole("button", { name: "GitHub" }).click();
  await expect(form.getByLabel("Issuer URL")).toHaveValue("https://github.com");
  await expect(form.getByLabel("Scopes")).toHaveValue("read:user user:email");
  await expect(form.getByLabel("Short name")).toHaveValue("github");
  await expect(form.getByLabel("Button label")).toHaveValue("Corporate GitHub");
  await expect(form.getByText("GitHub sends no groups claim")).toBeVisible();
  await expect(form.getByLabel("Client ID")).toHaveValue("typed-client");

  await form.getByLabel("Short name").fill("corp-idp");
  await form.getByRole("button", { name: "GitLab" }).click();
  await expect(form.getByLabel("Short name")).toHaveValue("corp-idp");
  await expect(form.getByLabel("Scopes")).toHaveValue("openid email profile");
  await expect(form.getByText("GitHub sends no groups claim")).toBeHidden();
  await expect(form.getByLabel("Client secret")).toHaveValue("typed-secret");
});

test("allowed email domains that are not domain names are refused under the field", async () => {
  await admin.goto("/admin/users");
  const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Add provider" }) });
  await form.getByRole("button", { name: "GitHub" }).click();
  await form.getByLabel("Short name").fill(`domains-${slug}`);
  await form.getByLabel("Client ID").fill("client");
  await form.getByLabel("Client secret").fill("secret");
  const domains = form.getByLabel("Allowed email domains");
  await domains.fill("not a domain, @@");
  await form.getByRole("button", { name: "Add provider" }).click();
  await expect(domains).toHaveAccessibleDescription(
    /Enter domain names such as example.com, separated by commas: “not” is not one\./,
  );
  await expect(domains).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toHaveText("Some fields are invalid.");
});

test("the console's GitHub preset adds a GitHub OAuth app with a team mapping, and the provider can be edited", async () => {
  await admin.goto("/admin/users");
  const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Add provider" }) });
  await form.getByRole("button", { name: "GitHub" }).click();
  await expect(form.getByLabel("Issuer URL")).toHaveValue("https://github.com");
  await expect(form.getByLabel("Scopes")).toHaveValue("read:user user:email");
  await expect(form.getByText("GitHub sends no groups claim")).toBeVisible();
  const githubSlug = `gh-${slug}`;
  const githubLabel = `GitHub ${slug}`;
  await form.getByLabel("Short name").fill(githubSlug);
  await form.getByLabel("Button label").fill(githubLabel);
  await form.getByLabel("Client ID").fill("Iv1.0123456789abcdef");
  await form.getByLabel("Client secret").fill("github-secret");
  await form.getByRole("button", { name: "Add a team mapping" }).click();
  await form.getByLabel("Group, row 1").fill("research");
  await form.getByLabel("Team, row 1").selectOption({ label: `Research ${slug}` });
  await form.getByLabel("Role, row 1").selectOption({ label: "Editor" });
  await form.getByRole("button", { name: "Add provider" }).click();
  const row = admin.getByRole("listitem", { name: githubLabel });
  await expect(row).toContainText("https://github.com");
  const listProviders = async () =>
    (await (await admin.request.get("/api/admin/sso-providers")).json()) as {
      id: string;
      slug: string;
      label: string;
      teamMappings: unknown;
    }[];
  const github = (await listProviders()).find((provider) => provider.slug === githubSlug);
  try {
    expect(github?.teamMappings).toEqual([{ group: "research", teamId, role: "EDITOR" }]);

    await row.getByRole("button", { name: "Edit" }).click();
    const edit = admin.getByRole("form", { name: `Edit ${githubLabel}` });
    await expect(edit.getByLabel("Group, row 1")).toHaveValue("research");
    await edit.getByLabel("Button label").fill(`${githubLabel} edited`);
    await edit.getByRole("button", { name: "Remove row 1" }).click();
    await edit.getByRole("button", { name: "Save provider" }).click();
    await expect(admin.getByRole("listitem", { name: `${githubLabel} edited` })).toBeVisible();
    const edited = (await listProviders()).find((provider) => provider.slug === githubSlug);
    expect(edited).toMatchObject({ label: `${githubLabel} edited`, teamMappings: [] });
  } finally {
    if (github) await api(admin.request, "delete", `/api/admin/sso-providers/${github.id}`);
  }
});

test("with password sign-in turned off, the sign-in page offers only the provider, and no one registers with a password", async ({
  browser,
}) => {
  await api(admin.request, "put", "/api/admin/password-sign-in", { enabled: false });
  try {
    const page = await freshPage(browser);
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: `Continue with ${label}` })).toBeVisible();
    await expect(page.getByText("Password sign-in is turned off here.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    // An account with a password could never sign in: the page sends people to their provider instead.
    await page.goto("/register");
    await expect(page.getByText("Accounts come through single sign-on")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await page.getByRole("link", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: `Continue with ${label}` })).toBeVisible();
    const account = { email: `nopassword-${slug}@example.test`, password: "long enough", name: "No Password" };
    const refused = await page.request.post("/api/auth/register", { data: account });
    expect(refused.status()).toBe(403);
  } finally {
    await api(admin.request, "put", "/api/admin/password-sign-in", { enabled: true });
  }
});

test("a password account links a provider from Settings and then signs in with it", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Linker");
  issuer.accounts.set("linker", { email: `other-${slug}@example.test`, email_verified: false, name: "Linker" });
  await page.goto("/settings");
  await page.getByRole("button", { name: `Link ${label}` }).click();
  await page.getByPlaceholder("Enter any login").fill("linker");
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText("Linked", { exact: true })).toBeVisible();
  const linked = await sessionUser(page);

  const later = await freshPage(browser);
  await signInWithProvider(later, "linker");
  await expect(composer(later)).toBeVisible();
  expect((await sessionUser(later))?.id).toBe(linked?.id);
});

test("an admin without a linked identity is warned before turning password sign-in off; a linked one is not", async ({
  browser,
}) => {
  const isEnabled = async () =>
    ((await (await admin.request.get("/api/admin/password-sign-in")).json()) as { enabled: boolean }).enabled;
  const turnOff = async (page: Page) => {
    await page.goto("/admin/users");
    await page.getByRole("checkbox", { name: "People may sign in with email and password" }).uncheck();
    await page.getByRole("button", { name: "Save password sign-in" }).click();
  };
  try {
    // The e2e admin signs in with a password only: saving would lock them out at their next sign-in.
    await turnOff(admin);
    const warning = admin.getByRole("alertdialog", { name: "Turn password sign-in off" });
    await expect(warning).toContainText("you will not be able to sign in");
    await expect(warning).toContainText("PASSWORD_SIGN_IN_RECOVERY=true");
    await warning.getByRole("button", { name: "Cancel" }).click();
    await expect(admin.getByText("Saved.")).toHaveCount(0);
    expect(await isEnabled()).toBe(true);
    await admin.getByRole("button", { name: "Save password sign-in" }).click();
    await warning.getByRole("button", { name: "Turn off anyway" }).click();
    await expect(admin.getByText("Saved.")).toBeVisible();
    expect(await isEnabled()).toBe(false);
    await api(admin.request, "put", "/api/admin/password-sign-in", { enabled: true });

    // An admin who signs in through the provider keeps a way in: saved at once.
    issuer.accounts.set("grace", {
      email: `grace-${slug}@example.test`,
      email_verified: true,
      name: "Grace SSO",
      groups: ["parley-admins"],
    });
    const linked = await freshPage(browser);
    await signInWithProvider(linked, "grace");
    await turnOff(linked);
    await expect(linked.getByText("Saved.")).toBeVisible();
    await expect(linked.getByRole("alertdialog")).toHaveCount(0);
    expect(await isEnabled()).toBe(false);
  } finally {
    await api(admin.request, "put", "/api/admin/password-sign-in", { enabled: true });
  }
});
