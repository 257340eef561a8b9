import { type ReactNode, type SelectHTMLAttributes, useId } from "react";

// Stacked: a form's field, its label above. Inline: a compact setting, its label beside it (theme, language).
const LOOKS = {
  stacked: {
    wrapper: "flex flex-col gap-1.5",
    label: "text-sm font-medium",
    select: "border-line bg-canvas rounded-xl border px-3.5 py-2.5 text-base",
  },
  inline: {
    wrapper: "flex items-center gap-2 text-sm",
    label: "text-ink-muted",
    select: "border-line bg-canvas text-ink rounded-lg border px-2 py-1",
  },
  compact: {
    wrapper: "flex items-center gap-2 text-sm",
    label: "",
    select: "border-line bg-canvas rounded-lg border px-2 py-1.5 text-sm",
  },
} as const;

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & {
  label: string;
  look?: keyof typeof LOOKS;
  /** Shown under the select, inside the field (a button that fills the options, a status). */
  after?: ReactNode;
  children: ReactNode;
};

/** A labelled select: the label names it for screen readers as well as on screen. */
export function SelectField({ label, look = "stacked", after, children, ...selectProps }: SelectFieldProps) {
  const id = useId();
  const classes = LOOKS[look];
  return (
    <div className={classes.wrapper}>
      <label htmlFor={id} className={classes.label || undefined}>
        {label}
      </label>
      <select id={id} className={classes.select} {...selectProps}>
        {children}
      </select>
      {after}
    </div>
  );
}
