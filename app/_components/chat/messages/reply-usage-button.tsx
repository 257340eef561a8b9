import { useCallback, useId, useRef, useState } from "react";
import type { ReplyUsage } from "@/app/_components/api/types";
import { InfoIcon } from "@/app/_components/ui/icons";
import { useDismiss } from "@/app/_components/ui/use-dismiss";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MESSAGE_ACTION_BUTTON } from "./message-actions";

type Placement = "above" | "below";

const PLACEMENTS: Record<Placement, string> = { above: "bottom-full mb-2", below: "top-full mt-2" };

// About the popover's height: above the button when that much of the scrolled thread shows above it, else below,
// where the thread scrolls to it (nothing scrolls above the thread's top, under the header).
const POPOVER_HEIGHT_PX = 240;

function placementFor(button: HTMLElement): Placement {
  let scroller = button.parentElement;
  while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
  const visibleTop = scroller ? scroller.getBoundingClientRect().top : 0;
  return button.getBoundingClientRect().top - visibleTop >= POPOVER_HEIGHT_PX ? "above" : "below";
}

/** The info button (an "i") on a finished reply: what it cost in tokens and how fast it came, in a small popover. */
export function ReplyUsageButton({ usage }: { usage: ReplyUsage }) {
  const translator = useTranslator();
  const { t } = translator;
  const [placement, setPlacement] = useState<Placement | null>(null);
  const isOpen = placement !== null;
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();
  const close = useCallback(() => {
    setPlacement(null);
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
        onClick={(event) => setPlacement(isOpen ? null : placementFor(event.currentTarget))}
        className={MESSAGE_ACTION_BUTTON}
      >
        <InfoIcon width={16} height={16} />
      </button>
      {isOpen ? (
        <section
          id={popoverId}
          aria-label={t("usage.title")}
          className={`border-line bg-canvas absolute left-0 z-20 w-72 rounded-xl border p-3 text-sm shadow-lg ${PLACEMENTS[placement]}`}
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
