import type { InputHTMLAttributes, ReactNode } from "react";

type ChoiceFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className"> & {
  type: "checkbox" | "radio";
  /** "start" when the label runs over several lines: the box stays by its first line. */
  align?: "center" | "start";
  children: ReactNode;
};

/** A checkbox or a radio button inside its label, so that the whole label toggles it. */
export function ChoiceField({ type, align = "center", children, ...inputProps }: ChoiceFieldProps) {
  return (
    <label className={align === "start" ? "flex items-start gap-2 text-sm" : "flex items-center gap-2 text-sm"}>
      <input type={type} className={align === "start" ? "accent-ink mt-1" : "accent-ink"} {...inputProps} />
      {children}
    </label>
  );
}
