import { useCallback, useId, useRef, useState } from "react";
import type { ReplyUsage } from "@/app/_components/api/types";
import { useDismiss } from "@/app/_components/ui/use-dismiss";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MESSAGE_ACTION_BUTTON } from "./message-actions";

/** The "i" on a finished reply: what it cost in tokens and how fast it came, in a small popover. */
export function ReplyUsageButton({ usage }: { usage: ReplyUsage }) {
  const translator = useTranslator();
  const { t } = translator;
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();
  const close = useCallback(() => {
    setIsOpen(false);
    buttonRef.current?.focus();
  }, []);
  useDismiss(containerRef, isOpen, close);
  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={t("usage.show")}
        aria-expanded={isOpen}
        aria-controls={popoverId}
        onClick={() => setIsOpen((open) => !open)}
        className={MESSAGE_ACTION_BUTTON}
      >
        <span aria-hidden="true" className="font-serif text-sm font-semibold italic">
          i
        </span>
      </button>
      {isOpen ? (
        <section
          id={popoverId}
          aria-label={t("usage.title")}
          className="border-line bg-canvas absolute bottom-full left-0 z-20 mb-2 w-64 rounded-xl border p-3 text-sm shadow-lg"
        >
          <UsageFigures usage={usage} translator={translator} />
        </section>
      ) : null}
    </div>
  );
}

function UsageFigures({ usage, translator }: { usage: ReplyUsage; translator: Translator }) {
  const { t, formatNumber } = translator;
  const seconds = (ms: number | null) =>
    ms === null ? "–" : t("usage.seconds", { value: formatNumber(ms / 1000, { maximumFractionDigits: 2 }) });
  const rows: [string, string][] = [
    [t("usage.promptTokens"), formatNumber(usage.promptTokens)],
    [t("usage.completionTokens"), formatNumber(usage.completionTokens)],
    [t("usage.reasoningTokens"), usage.reasoningTokens === null ? "–" : formatNumber(usage.reasoningTokens)],
    [t("usage.cachedTokens"), usage.cachedTokens === null ? "–" : formatNumber(usage.cachedTokens)],
    [t("usage.timeToFirstToken"), seconds(usage.timeToFirstTokenMs)],
    [t("usage.duration"), seconds(usage.durationMs)],
    [
      t("usage.speed"),
      usage.tokensPerSecond === null
        ? "–"
        : t("usage.tokensPerSecond", { value: formatNumber(usage.tokensPerSecond, { maximumFractionDigits: 1 }) }),
    ],
  ];
  return (
    <>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-ink-muted">{label}</dt>
            <dd className="text-right tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {usage.isEstimated ? <p className="text-ink-muted mt-2 text-xs">{t("usage.estimated")}</p> : null}
    </>
  );
}
