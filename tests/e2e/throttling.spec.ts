// As a user and an admin meet the limits: the sign-in form says how long a locked account must wait, and the
// admin sets how many replies one user may stream at once.
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../support/e2e-scenario";
import { composer, newUserPage, PASSWORD, test } from "./helpers";

/** One failing attempt, answered before the next: the count must not race the lock. */
async function failToSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const button = page.getByRole("button", { name: "Sign in" });
  await button.click();
  await expect(button).toHaveAttribute("aria-busy", "false");
}

test("after 5 wrong passwords the sign-in form says to wait, even for the right one", async ({ browser }) => {
  const { email, context } = await newUserPage(browser, "Locked");
  await context.close();
  const page = await browser.newPage();
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 5; attempt++) {
    await failToSignIn(page, email, "not my password");
    await expect(page.getByText("Invalid email or password.")).toBeVisible();
  }
  await failToSignIn(page, email, PASSWORD);
  await expect(page.getByText("Too many attempts. Try again in 1 minute.")).toBeVisible();
  await expect(composer(page)).toBeHidden();
});

test("an admin sets how many replies one user may stream at once", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(composer(page)).toBeVisible();
  await page.goto("/admin/users");
  const limit = page.getByLabel("Replies one user may stream at once");
  await expect(limit).toHaveValue("3");
  await limit.fill("5");
  await page.getByRole("button", { name: "Save stream limit" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Replies one user may stream at once")).toHaveValue("5");
  // Back to the default for the other specs sharing this server.
  await page.getByLabel("Replies one user may stream at once").fill("3");
  await page.getByRole("button", { name: "Save stream limit" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
});
