import type { ReactNode } from "react";

const LOOKS = {
  plain: { section: "flex flex-col gap-4", title: "text-lg font-medium" },
  /** In a card of its own (the admin's "add" forms). */
  card: { section: "border-line bg-canvas rounded-2xl border p-5", title: "mb-4 text-lg font-medium" },
} as const;

type PageSectionProps = {
  /** The heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  look?: keyof typeof LOOKS;
  /** Extra classes that place the section (a margin). */
  className?: string;
  children: ReactNode;
};

/** A titled part of a page (settings, a team's members, the admin's accounts). */
export function PageSection({ id, title, look = "plain", className, children }: PageSectionProps) {
  const classes = LOOKS[look];
  return (
    <section aria-labelledby={id} className={className ? `${className} ${classes.section}` : classes.section}>
      <h2 id={id} className={classes.title}>
        {title}
      </h2>
      {children}
    </section>
  );
}
