// Stops the end-to-end run early, with the way out, when no Chromium is installed.
import { existsSync } from "node:fs";
import { chromiumPath } from "./chromium";

if (!existsSync(chromiumPath)) {
  console.error(
    `No Chromium at ${chromiumPath}. End-to-end tests drive a system Chromium:\n` +
      "  Debian/Ubuntu: sudo apt-get install -y chromium\n" +
      "  elsewhere: install Chromium or Chrome and set PLAYWRIGHT_CHROMIUM_PATH to its executable.",
  );
  process.exit(1);
}
