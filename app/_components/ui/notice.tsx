import type { ReactNode } from "react";

const LOOKS = {
  /** Alone on a page (a page not found). */
  page: {
    wrapper: "m-auto flex max-w-md flex-col items-center gap-4 px-4 text-center",
    title: "text-2xl font-semibold",
    text: "text-ink-muted",
  },
  /** In the account pages' card, instead of a form (registration closed, an invitation that does not open). */
  card: { wrapper: "flex flex-col gap-4 text-center", title: "text-xl font-semibold", text: "text-ink-muted text-sm" },
} as const;

type NoticeProps = { title: string; text: string; look: keyof typeof LOOKS; children: ReactNode };

/** A title, one line of explanation and the way on (a link or a button). */
export function Notice({ title, text, look, children }: NoticeProps) {
  const classes = LOOKS[look];
  return (
    <div className={classes.wrapper}>
      <h1 className={classes.title}>{title}</h1>
      <p className={classes.text}>{text}</p>
      {children}
    </div>
  );
}
