"use client";

import { useLayoutEffect, useSyncExternalStore } from "react";
import { followStoredThemeHere } from "./theme";

type ThemeScriptProps = {
  /** The response's Content-Security-Policy nonce: the only inline script allowed to run. */
  nonce: string | undefined;
  /** THEME_SCRIPT, as the server has it: hydration finds the very same text in the HTML. */
  script: string;
};

const subscribeToNothing = () => () => {};
const inTheBrowser = () => false;
const inTheServerHtml = () => true;

/**
 * The theme before the first paint. In the server's HTML it is an inline script, run as <head> is parsed. But when
 * the browser renders the document itself, the script would not run (React never runs a script it creates, and says
 * so in development: "Encountered a script tag while rendering React component"). That happens on every page that
 * calls notFound(): the server's render of the page fails, Next sends an empty shell (<html id="__next_error__">)
 * and the browser renders the whole page, this layout included. So the script is rendered only while hydrating the
 * server's HTML (the server snapshot of useSyncExternalStore), and a page rendered here sets the theme in a layout
 * effect, which runs before the first paint.
 */
export function ThemeScript({ nonce, script }: ThemeScriptProps) {
  const isServerHtml = useSyncExternalStore(subscribeToNothing, inTheBrowser, inTheServerHtml);
  useLayoutEffect(() => {
    if (document.documentElement.dataset.theme === undefined) followStoredThemeHere();
  }, []);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, not user content.
  return isServerHtml ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} /> : null;
}
