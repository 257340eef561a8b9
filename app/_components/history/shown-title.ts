import type { Translator } from "@/app/_i18n/translator";
import { DEFAULT_TITLE } from "@/lib/conversations/untitled";

/** A conversation's title as the reader sees it: one not titled yet is "New chat" in their language. */
export function shownTitle(title: string, t: Translator["t"]): string {
  return title === DEFAULT_TITLE ? t("sidebar.newChat") : title;
}
