// The browser the end-to-end tests drive: the system's Chromium (Playwright's own download is not used).
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without these, Chromium keeps trying to reach Google's services, which a closed network refuses.
export const chromiumArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
