import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { common, createLowlight } from "lowlight";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";

export type Highlighter = (text: string, language: string) => ReactNode | null;

const lowlight = createLowlight(common);

// Colours code as React elements built from lowlight's tree: no HTML strings, nothing to sanitize.
// Unknown languages stay plain (null) rather than being guessed, which is slow and often wrong.
export const highlight: Highlighter = (text, language) => {
  if (!lowlight.registered(language)) return null;
  return toJsxRuntime(lowlight.highlight(language, text), { Fragment, jsx, jsxs });
};
