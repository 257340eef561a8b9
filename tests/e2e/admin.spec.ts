// The console as an admin uses it, and what a user then meets: an admin adds a provider pointed at a fake upstream
// and a model with temperature 0.3 and a system prompt; a user picks that model and chats; the upstream received
// both, and the user finds the system prompt nowhere.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { composer, newAdminPage, newUserPage, PASSWORD, send, signInAsAdmin, test } from "./helpers";

const MODEL_NAME = "pirate-7b";
const SYSTEM_PROMPT = `Answer like a pirate. Secret instruction ${randomUUID()}.`;

let upstream: FakeUpstream;
test.beforeAll(async () => {
  upstream = await startFakeUpstream();
  upstream.scenarioForModel(MODEL_NAME, { reply: "Ahoy, matey!" });
});
test.afterAll(() => upstream.close());

test("an admin configures a provider and a model; a user chats with it and never sees its system prompt", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.getByRole("link", { name: "Admin console" }).click();
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Providers" }).click();
  await expect(admin.getByRole("heading", { name: "Providers", level: 1 })).toBeVisible();

  const providerName = `Pirate cloud ${randomUUID().slice(0, 6)}`;
  await admin.getByLabel("Name", { exact: true }).fill(providerName);
  await admin.getByLabel("Base URL").fill(upstream.url);
  await admin.getByLabel("API key").fill("sk-e2e-pirate-key-1234");
  await admin.getByRole("button", { name: "Add provider" }).click();
  const card = admin.getByRole("listitem", { name: providerName });
  await expect(card).toContainText("Key ••••1234");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("status")).toContainText(`Connected. Models: fake-model, ${MODEL_NAME}`);

  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Models" }).click();
  await expect(admin.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
  await admin.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: providerName });
  await admin.getByRole("button", { name: "Load the provider's models" }).click();
  await expect(admin.getByText("2 models listed")).toBeVisible();
  await admin.getByLabel("Model name at the provider").fill(MODEL_NAME);
  await admin.getByLabel("Label", { exact: true }).fill("Pirate");
  // Out of range: said under the field, which gets the focus, and nothing is added.
  const temperature = admin.getByLabel("Temperature", { exact: true });
  await temperature.fill("3");
  await admin.getByRole("button", { name: "Add model" }).click();
  await expect(temperature).toHaveAccessibleDescription("Use a number from 0 to 2.");
  await expect(temperature).toBeFocused();
  await expect(admin.getByRole("listitem", { name: "Pirate" })).toHaveCount(0);
  await temperature.fill("0.3");
  await expect(temperature).not.toHaveAccessibleDescription("Use a number from 0 to 2.");
  await admin.getByLabel("System prompt").fill(SYSTEM_PROMPT);
  await admin.getByRole("button", { name: "Add model" }).click();
  await expect(admin.getByRole("listitem", { name: "Pirate" })).toContainText("temperature 0.3 (fixed)");

  const { page } = await newUserPage(browser, "Sailor");
  await expect(page.getByRole("link", { name: "Admin console" })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Model" }).selectOption({ label: "Pirate" });
  await send(page, "Hello there");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Ahoy, matey!");
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue(/.+/);
  await expect(page.getByRole("combobox", { name: "Model" }).locator("option:checked")).toHaveText("Pirate");

  const turn = upstream.requests.findLast((request) => (request.body as { stream?: boolean }).stream === true);
  expect(turn?.body).toMatchObject({
    model: MODEL_NAME,
    temperature: 0.3,
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: "Hello there" },
    ],
  });

  // Nowhere for the user: not in the page (with its inline RSC payload), the settings, the API or the console.
  expect(await page.content()).not.toContain("Secret instruction");
  await page.getByRole("button", { name: "Conversation settings" }).click();
  await expect(page.getByRole("dialog")).toContainText("An admin has fixed the parameters of Pirate.");
  expect(await page.content()).not.toContain("Secret instruction");
  const conversation = await page.request.get(`/api/conversations/${page.url().split("/").at(-1)}`);
  expect(await conversation.text()).not.toContain("Secret instruction");
  expect(await (await page.request.get("/api/models")).text()).not.toContain("Secret instruction");
  await page.goto("/admin/models");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await page.content()).not.toContain("Secret instruction");
  await adminContext.close();
});

test("the Add model form's last refusal goes once its own checks stop the next submit", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/models");
  const modelForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Add model" }) });
  await modelForm.getByRole("button", { name: "Add model" }).click();
  await expect(modelForm.getByRole("alert")).toHaveText("Enter the model's name at the provider.");
  // Out of range: said under the field, and nothing is sent; the refusal was about the form as it was.
  const temperature = modelForm.getByLabel("Temperature", { exact: true });
  await temperature.fill("5");
  await modelForm.getByRole("button", { name: "Add model" }).click();
  await expect(temperature).toHaveAccessibleDescription("Use a number from 0 to 2.");
  await expect(modelForm.getByRole("alert")).toHaveCount(0);
});

test("the Add model form fills the limits in from the name as it is typed, and keeps the admin's own", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/admin/models");
  const modelForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Add model" }) });
  const name = modelForm.getByLabel("Model name at the provider");
  const contextWindow = modelForm.getByLabel("Context window (tokens)");
  const maxOutputTokens = modelForm.getByLabel("Max output tokens");
  await name.fill("openai/GPT-4o");
  await expect(contextWindow).toHaveValue("128000");
  await expect(maxOutputTokens).toHaveValue("16384");
  await maxOutputTokens.fill("4000");
  await name.fill("o3-mini");
  await expect(contextWindow).toHaveValue("200000");
  await expect(maxOutputTokens).toHaveValue("4000");
  // A name Parley does not know: the generic figures, and no word of where they come from.
  await name.fill("pirate-13b");
  await expect(contextWindow).toHaveValue("8192");
  await expect(contextWindow).not.toHaveAccessibleDescription(/Filled in/);
});

test("a model saved by another admin since the form opened is not overwritten: the form keeps the text and reloads", async ({
  browser,
}) => {
  const [ada, dave] = [await newAdminPage(browser), await newAdminPage(browser)];
  const suffix = randomUUID().slice(0, 6);
  const upstreamName = `conflict-${suffix}`;
  const created = await ada.request.post("/api/admin/providers", {
    data: { name: `Conflict ${suffix}`, baseUrl: upstream.url },
  });
  const { id: providerId } = (await created.json()) as { id: string };
  try {
    const model = await ada.request.post("/api/admin/models", {
      data: { providerId, upstreamName, label: "Fake GPT (A)" },
    });
    expect(model.status()).toBe(201);
    // Found by the name at the provider, which stays while the label changes.
    const openEdit = async (page: Page) => {
      await page.goto("/admin/models");
      const card = page.getByRole("listitem").filter({ hasText: upstreamName });
      await card.getByRole("button", { name: "Edit" }).click();
      return card;
    };
    const [adaCard, daveCard] = [await openEdit(ada), await openEdit(dave)];

    await adaCard.getByLabel("Label", { exact: true }).fill("Fake GPT (A2)");
    await adaCard.getByRole("button", { name: "Save model" }).click();
    await expect(adaCard).toContainText(`${upstreamName} on Conflict ${suffix} · version 2`);

    const prompt = daveCard.getByRole("textbox", { name: "System prompt" });
    await prompt.fill("Answer in haiku.");
    await daveCard.getByRole("button", { name: "Save model" }).click();
    await expect(daveCard.getByRole("alert")).toHaveText(
      "This model was changed by someone else (or by Parley) since you opened it. Reload to see the changes, then edit again.",
    );
    await expect(prompt).toHaveValue("Answer in haiku.");
    await expect(daveCard.getByLabel("Label", { exact: true })).toHaveValue("Fake GPT (A)");

    await daveCard.getByRole("button", { name: "Reload" }).click();
    await expect(daveCard.getByLabel("Label", { exact: true })).toHaveValue("Fake GPT (A2)");
    await expect(prompt).toHaveValue("");
    await expect(daveCard.getByRole("alert")).toHaveCount(0);
    await prompt.fill("Answer in haiku.");
    await daveCard.getByRole("button", { name: "Save model" }).click();
    await expect(daveCard.getByRole("heading", { name: "Fake GPT (A2)" })).toBeVisible();
    await expect(daveCard).toContainText("version 3");
    await expect(daveCard).toContainText("system prompt");
  } finally {
    await ada.request.delete(`/api/admin/providers/${providerId}`);
  }
});

test("a provider saved by another admin since the form opened is not overwritten: the form keeps the text and reloads", async ({
  browser,
}) => {
  const [ada, dave] = [await newAdminPage(browser), await newAdminPage(browser)];
  const name = `Shared ${randomUUID().slice(0, 6)}`;
  const renamed = `${name} (A)`;
  const movedUrl = "http://10.0.0.2/v1";
  const created = await ada.request.post("/api/admin/providers", { data: { name, baseUrl: upstream.url } });
  const { id } = (await created.json()) as { id: string };
  // Exact: the name is part of the new name.
  const cardOf = (page: Page, cardName: string) => page.getByRole("listitem", { name: cardName, exact: true });
  try {
    const openEdit = async (page: Page) => {
      await page.goto("/admin/providers");
      await cardOf(page, name).getByRole("button", { name: "Edit" }).click();
      return cardOf(page, name);
    };
    const [adaCard, daveCard] = [await openEdit(ada), await openEdit(dave)];

    await adaCard.getByLabel("Name", { exact: true }).fill(renamed);
    await adaCard.getByRole("button", { name: "Save provider" }).click();
    await expect(cardOf(ada, renamed)).toContainText(upstream.url);

    const baseUrl = daveCard.getByLabel("Base URL");
    await baseUrl.fill(movedUrl);
    await daveCard.getByRole("button", { name: "Save provider" }).click();
    await expect(daveCard.getByRole("alert")).toHaveText(
      "This provider was changed by someone else since you opened it. Reload to see the changes, then edit again.",
    );
    await expect(baseUrl).toHaveValue(movedUrl);
    await expect(daveCard.getByLabel("Name", { exact: true })).toHaveValue(name);

    await daveCard.getByRole("button", { name: "Reload" }).click();
    // The page now has Ada's name, the card with it; its form starts afresh from what is saved.
    const reloadedCard = cardOf(dave, renamed);
    await expect(reloadedCard.getByLabel("Name", { exact: true })).toHaveValue(renamed);
    await expect(reloadedCard.getByLabel("Base URL")).toHaveValue(upstream.url);
    await expect(reloadedCard.getByRole("alert")).toHaveCount(0);
    await reloadedCard.getByLabel("Base URL").fill(movedUrl);
    await reloadedCard.getByRole("button", { name: "Save provider" }).click();
    await expect(reloadedCard.getByRole("button", { name: "Save provider" })).toHaveCount(0);
    await expect(reloadedCard).toContainText(movedUrl);
  } finally {
    await ada.request.delete(`/api/admin/providers/${id}`);
  }
});

test("reloading a stale form whose provider another admin deleted meanwhile says it was deleted", async ({
  browser,
}) => {
  const [ada, dave] = [await newAdminPage(browser), await newAdminPage(browser)];
  const name = `Doomed ${randomUUID().slice(0, 6)}`;
  const created = await ada.request.post("/api/admin/providers", { data: { name, baseUrl: upstream.url } });
  const { id } = (await created.json()) as { id: string };
  await dave.goto("/admin/providers");
  const daveCard = dave.getByRole("listitem", { name, exact: true });
  await daveCard.getByRole("button", { name: "Edit" }).click();
  expect((await ada.request.patch(`/api/admin/providers/${id}`, { data: { name: `${name} (A)` } })).status()).toBe(200);
  await daveCard.getByRole("button", { name: "Save provider" }).click();
  await expect(daveCard.getByRole("alert")).toContainText("changed by someone else");
  expect((await ada.request.delete(`/api/admin/providers/${id}`)).status()).toBe(204);

  // The card leaves with the refreshed list, its form with it: the list says why, where it was.
  await daveCard.getByRole("button", { name: "Reload" }).click();
  const notice = dave.getByRole("alert").filter({ hasText: "deleted" });
  await expect(notice).toHaveText("This provider was deleted meanwhile.");
  await expect(dave.getByRole("listitem", { name, exact: true })).toHaveCount(0);
  await dave.getByRole("button", { name: "Back to the list" }).click();
  await expect(notice).toHaveCount(0);
});

test("a provider whose key is too short to show its ending says that a key is stored", async ({ page }) => {
  await signInAsAdmin(page);
  const name = `Short key ${randomUUID().slice(0, 6)}`;
  const created = await page.request.post("/api/admin/providers", {
    data: { name, baseUrl: upstream.url, apiKey: "sk-short" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  try {
    await page.goto("/admin/providers");
    const card = page.getByRole("listitem", { name });
    await expect(card).toContainText("Key stored");
    await card.getByRole("button", { name: "Edit" }).click();
    await expect(card.getByLabel("API key")).toHaveAccessibleDescription("A key is stored. Leave empty to keep it.");
  } finally {
    await page.request.delete(`/api/admin/providers/${id}`);
  }
});

test("under approval, a new account waits on its own page until an admin approves it", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto("/admin/users");
  await admin.getByRole("radio", { name: /^Approval/ }).check();
  await admin.getByRole("button", { name: "Save registration policy" }).click();
  await expect(admin.getByRole("status")).toHaveText("Saved.");
  try {
    const page = await (await browser.newContext()).newPage();
    const email = `patient-${randomUUID().slice(0, 8)}@example.test`;
    await page.goto("/register");
    await page.getByLabel("Name").fill("Patient");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/waiting$/);

    await admin.getByRole("searchbox", { name: "Search users" }).fill(email);
    await admin.getByRole("button", { name: "Search" }).click();
    const row = admin.getByRole("listitem", { name: email });
    await expect(row).toContainText("Waiting for approval");
    // The search posts its form without JavaScript, so Approve can be clicked before the new page is hydrated.
    const approve = row.getByRole("button", { name: "Approve" });
    await expect(async () => {
      if (await approve.isVisible()) await approve.click();
      await expect(row).toContainText("Active", { timeout: 2_000 });
    }).toPass();

    await page.reload();
    await expect(composer(page)).toBeVisible();
  } finally {
    const reset = await admin.request.put("/api/admin/registration-policy", { data: { policy: "open" } });
    expect(reset.status()).toBe(200);
  }
});

test("the console fits a phone's width: its tabs wrap and the list of API keys scrolls in its own box", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const admin = await context.newPage();
  await signInAsAdmin(admin);
  const created = await admin.request.post("/api/account/api-keys", { data: { name: "A key with a long name" } });
  expect(created.status()).toBe(201);
  for (const section of ["Models", "Providers", "Users", "Audit log", "Usage", "API & limits"]) {
    await admin.goto("/admin/models");
    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: section }).click();
    await expect(admin.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
    await admin.waitForLoadState("networkidle");
    const [pageWidth, viewportWidth] = await admin.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(pageWidth, `${section} scrolls sideways`).toBeLessThanOrEqual(viewportWidth);
  }
  await expect(admin.getByRole("table", { name: "API keys of all users" })).toContainText("A key with a long name");
  await context.close();
});

test("a name posing as another account cannot hide the real email, and Make admin asks first naming it", async ({
  browser,
}) => {
  const marker = randomUUID().slice(0, 8);
  // The QA report's name (padded with Braille blanks, stored collapsed) and one that fills its 100 characters.
  const padded = { email: `spoof-${marker}-a@example.test`, name: `dave dave@example.test${"\u2800".repeat(78)}` };
  const long = { email: `spoof-${marker}-b@example.test`, name: `dave dave@example.test ${"W".repeat(77)}` };
  const visitor = (await browser.newContext()).request;
  for (const { email, name } of [padded, long]) {
    const registered = await visitor.post("/api/auth/register", { data: { email, name, password: PASSWORD } });
    expect(registered.status()).toBe(201);
  }

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 800 },
  ]) {
    const admin = await (await browser.newContext({ viewport })).newPage();
    await signInAsAdmin(admin);
    await admin.goto(`/admin/users?q=spoof-${marker}`);
    const paddedRow = admin.getByRole("listitem", { name: padded.email });
    await expect(paddedRow.getByText("dave dave@example.test", { exact: true })).toBeVisible();
    for (const { email, name } of [padded, long]) {
      const row = admin.getByRole("listitem", { name: email });
      const shownEmail = row.getByText(email, { exact: true });
      await expect(shownEmail).toBeVisible();
      // Whole, not cut off by the name beside it or by the row's edge.
      expect(await shownEmail.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      if (name === long.name) await expect(row.getByTitle(long.name)).toBeVisible();
    }
    await admin.context().close();
  }

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin/users?q=${encodeURIComponent(padded.email)}`);
  const row = admin.getByRole("listitem", { name: padded.email });
  await row.getByRole("button", { name: "Make admin" }).click();
  const dialog = admin.getByRole("alertdialog", { name: "Make admin" });
  await expect(dialog).toContainText(`Make ${padded.email} an admin?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("User ·");
  await row.getByRole("button", { name: "Make admin" }).click();
  await dialog.getByRole("button", { name: "Make admin" }).click();
  await expect(row).toContainText("Admin ·");
  await row.getByRole("button", { name: "Make user" }).click();
  const demotion = admin.getByRole("alertdialog", { name: "Remove admin" });
  await expect(demotion).toContainText(`Make ${padded.email} a regular user?`);
  await demotion.getByRole("button", { name: "Make user" }).click();
  await expect(row).toContainText("User ·");
});
