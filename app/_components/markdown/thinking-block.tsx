import { Markdown } from "./markdown";

type ThinkingBlockProps = { label: string; source: string; isActive?: boolean };

// A reasoning model's thinking, above its answer: closed by default, opened with a click or the keyboard (a native
// <details>, so it also works on the share page, which renders on the server). Its text is Markdown with the same
// sanitising as the answer.
export function ThinkingBlock({ label, source, isActive = false }: ThinkingBlockProps) {
  return (
    <details className="border-line group mb-3 rounded-xl border text-sm">
      <summary className="text-ink-muted hover:text-ink cursor-pointer list-none px-3 py-1.5 select-none [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="mr-1.5 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        <span className={isActive ? "animate-pulse" : undefined}>{label}</span>
      </summary>
      <div className="border-line text-ink-muted border-t px-3 py-2">
        <Markdown source={source} />
      </div>
    </details>
  );
}
