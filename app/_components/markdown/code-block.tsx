"use client";

import type { Element, ElementContent } from "hast";
import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { useHighlightedCode } from "./use-highlighted-code";

// A fenced code block: its language, a copy button, and syntax colours once the highlighter has loaded.
export function CodeBlock({ node, children }: ComponentProps<"pre"> & ExtraProps) {
  const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  // Not a code block after all (display math waiting for KaTeX is one): render what came.
  if (!code) return <pre>{children}</pre>;
  const language = readLanguage(code);
  const text = readText(code).replace(/\n$/, "");
  return <HighlightedCodeBlock text={text} language={language} />;
}

function HighlightedCodeBlock({ text, language }: { text: string; language: string | null }) {
  const { t } = useTranslator();
  const highlighted = useHighlightedCode(text, language);
  return (
    <div className="code-block">
      <div className="text-ink-muted flex items-center justify-between px-3 py-1 text-xs">
        <span>{language ?? "text"}</span>
        <CopyButton
          text={text}
          label={t("copy.code")}
          className="hover:bg-hover hover:text-ink flex size-7 items-center justify-center rounded-md"
        />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <pre tabIndex={0}>
        <code>{highlighted ?? text}</code>
      </pre>
    </div>
  );
}

function readLanguage(code: Element): string | null {
  const classNames = code.properties.className;
  const languageClass = Array.isArray(classNames)
    ? classNames.find((name) => String(name).startsWith("language-"))
    : undefined;
  return languageClass === undefined ? null : String(languageClass).slice("language-".length);
}

function readText(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(readText).join("");
  return "";
}
