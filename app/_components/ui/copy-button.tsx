"use client";

import { useEffect, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CheckIcon, CopyIcon } from "./icons";

type CopyState = "idle" | "copied" | "failed";

const RESET_AFTER_MS = 2_000;

type CopyButtonProps = { text: string; className: string; label?: string };

export function CopyButton({ text, className, label }: CopyButtonProps) {
  const { t } = useTranslator();
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(): Promise<void> {
    try {
      // Missing outside secure contexts (plain http on another host than localhost); the catch covers that too.
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <button type="button" aria-label={label ?? t("copy.label")} onClick={() => void copy()} className={className}>
        {state === "copied" ? <CheckIcon width={16} height={16} /> : <CopyIcon width={16} height={16} />}
      </button>
      <span role="status" className={state === "failed" ? "text-danger text-xs" : "sr-only"}>
        {state === "copied" ? t("copy.copied") : state === "failed" ? t("copy.failed") : ""}
      </span>
    </>
  );
}
