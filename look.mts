import { chromium } from "@playwright/test";

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto("http://localhost:3200/");
await page.screenshot({ path: "/tmp/look/1-signin.png" });
await page.getByLabel("Email").fill("admin@example.com");
await page.getByLabel("Password").fill("adminpass123");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("textbox", { name: "Message" }).waitFor();
await page.screenshot({ path: "/tmp/look/2-home.png" });
await page.getByRole("textbox", { name: "Message" }).fill("What is Parley, and how do I connect it to Ollama?");
await page.keyboard.press("Enter");
await page.waitForTimeout(700);
await page.screenshot({ path: "/tmp/look/3-streaming.png" });
await page.getByRole("button", { name: "Send" }).waitFor({ timeout: 10000 });
await page.getByRole("textbox", { name: "Message" }).fill("Thanks!\nSecond line here.");
await page.keyboard.press("Enter");
await page.getByRole("button", { name: "Send" }).waitFor({ timeout: 10000 });
await page.waitForTimeout(300);
await page.screenshot({ path: "/tmp/look/4-done.png" });
await page.setViewportSize({ width: 390, height: 800 });
await page.screenshot({ path: "/tmp/look/5-phone.png" });
await browser.close();
