import type { Element } from "hast";
import type { ComponentProps, ReactNode } from "react";
import type { ExtraProps } from "react-markdown";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { LinkAroundImages } from "./external-image";

type ElementProps<Tag extends "a" | "input" | "table"> = ComponentProps<Tag> & ExtraProps;

// Links from a model or another user open elsewhere and learn nothing about this page. Unsafe URLs
// (javascript: and the like) arrive here already emptied by react-markdown's URL filter. The other attributes passed
// the sanitizer; a footnote reference's id is one, the target of its back-link.
export function SafeLink({ node, href, children, ...attributes }: ElementProps<"a">) {
  const isInPage = href?.startsWith("#") ?? false;
  const wrapInLink = (content: ReactNode) => (
    <a
      {...attributes}
      href={href || undefined}
      rel="noopener noreferrer nofollow"
      target={isInPage ? undefined : "_blank"}
    >
      {content}
    </a>
  );
  if (node && hasImage(node)) return <LinkAroundImages wrapInLink={wrapInLink}>{children}</LinkAroundImages>;
  return wrapInLink(children);
}

/** Whether an image with an address (one ExternalImage shows as a placeholder) is inside `element`. */
function hasImage(element: Element): boolean {
  return element.children.some(
    (child) =>
      child.type === "element" &&
      ((child.tagName === "img" && typeof child.properties.src === "string" && child.properties.src !== "") ||
        hasImage(child)),
  );
}

// Wide tables scroll sideways inside the message instead of widening the page; focusable so keyboards can scroll.
export function MarkdownTable({ children }: ElementProps<"table">) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <div className="markdown-scroll" tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}

// A GFM task list item ("- [x] done"): a read-only checkbox that says what its tick means.
export function TaskCheckbox({ checked }: ElementProps<"input">) {
  const { t } = useTranslator();
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled
      aria-label={checked ? t("markdown.done") : t("markdown.notDone")}
    />
  );
}
