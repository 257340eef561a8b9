// A reply the model's output limit cut off says so, and the newest such reply offers to continue it.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { queryDatabase } from "../support/database-query";
import { E2E_ECHO_PREFIX, e2eStackFile } from "../support/e2e-scenario";
import { newUserPage, send, test } from "./helpers";

test("a reply cut at the output limit says so, and Continue asks the model to go on", async ({ browser, baseURL }) => {
  const { databaseUrl } = JSON.parse(readFileSync(e2eStackFile(baseURL ?? ""), "utf8")) as { databaseUrl: string };
  // A model of three output tokens on the stack's fake server, which ends a reply it cuts with finish_reason "length".
  const suffix = randomBytes(6).toString("hex");
  const modelId = `terse${suffix}${"0".repeat(8)}`;
  await queryDatabase(
    databaseUrl,
    `INSERT INTO "Model" (id, "providerId", "upstreamName", label, "maxOutputTokens", "updatedAt")
     SELECT $1, "providerId", $2, $3, 3, now() FROM "Model" WHERE "upstreamName" = 'fake-model' LIMIT 1`,
    [modelId, `terse-${suffix}`, `Terse ${suffix}`],
  );
  try {
    const { page } = await newUserPage(browser, "Tess");
    await page.getByRole("combobox", { name: "Model" }).selectOption({ label: `Terse ${suffix}` });
    await send(page, `${E2E_ECHO_PREFIX}\none\ntwo\nthree\nfour\nfive`);
    const reply = page.getByRole("article", { name: "Assistant" });
    await expect(reply).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
    // Three deltas: the line break after the prefix, then two lines.
    await expect(reply).toContainText("two");
    await expect(reply).not.toContainText("three");
    await expect(reply).toContainText("Cut off at the model's output limit");

    await reply.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("article", { name: "You" }).last()).toContainText("Continue from where you stopped.");
    const next = page.getByRole("article", { name: "Assistant" }).last();
    await expect(next).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
    // Only the newest reply may be continued: the thread goes on below it.
    await expect(page.getByRole("button", { name: "Continue" })).toHaveCount(1);
    await expect(reply.first().getByRole("button", { name: "Continue" })).toHaveCount(0);
    // Said again after a reload: the reason is saved with the reply.
    await page.reload();
    await expect(page.getByText("Cut off at the model's output limit").first()).toBeVisible();
  } finally {
    await queryDatabase(databaseUrl, `DELETE FROM "Model" WHERE id = $1`, [modelId]);
  }
});
