"use client";

import { useLayoutEffect, useSyncExternalStore } from "react";
import { followStoredThemeHere } from "./theme";

type ThemeScriptProps = {
  /** The response's Content-Security-Policy nonce, which lets this inline script run. */
  nonce: string | undefined;
  /** THEME_SCRIPT, as the server has it: hydration finds the very same text in the HTML. */
  script: string;
};

// useSyncExternalStore takes the server snapshot on the server and while hydrating its HTML, the other one after
// hydration and in a page the browser renders itself.
const subscribeToNothing = () => () => {};
const isServerHtmlOnServer = () => true;
const isServerHtmlInBrowser = () => false;

/**
 * The theme before the first paint. In the server's HTML it is an inline script, run as <head> is parsed. But when
 * the browser renders the document itself, the script would not run (React never runs a script it creates, and says
 * so in development: "Encountered a script tag while rendering React component"). That happens on every page that
 * calls notFound(): the server's render of the page fails, Next sends an empty shell (<html id="__next_error__">)
 * and the browser renders the whole page, this layout included. So the script is rendered only in the server's HTML
 * and while hydrating it, and a page rendered in the browser sets the theme in a layout effect, which runs before its
 * first paint.
 */
export function ThemeScript({ nonce, script }: ThemeScriptProps) {
  const isServerHtml = useSyncExternalStore(subscribeToNothing, isServerHtmlInBrowser, isServerHtmlOnServer);
  useLayoutEffect(() => {
    if (document.documentElement.dataset.theme === undefined) followStoredThemeHere();
  }, []);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, not user content.
  return isServerHtml ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} /> : null;
}
