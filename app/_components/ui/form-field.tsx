import { type ComponentPropsWithRef, type InputHTMLAttributes, type ReactNode, useId } from "react";

type FieldText = { label: string; hint?: string; error?: string };

type FormFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & FieldText;

// A labelled input whose hint and error are tied to it through aria-describedby, so screen readers read them.
export function FormField({ label, hint, error, ...inputProps }: FormFieldProps) {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(field) => (
        <input
          {...field}
          aria-invalid={error ? true : undefined}
          className="border-line bg-canvas aria-invalid:border-danger rounded-xl border px-3.5 py-2.5 text-base outline-offset-0"
          {...inputProps}
        />
      )}
    </LabelledField>
  );
}

type TextAreaFieldProps = Omit<ComponentPropsWithRef<"textarea">, "id" | "className"> & FieldText;

/** The same for text over several lines (a system prompt). */
export function TextAreaField({ label, hint, error, ...textAreaProps }: TextAreaFieldProps) {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(field) => (
        <textarea
          {...field}
          aria-invalid={error ? true : undefined}
          className="border-line bg-canvas aria-invalid:border-danger rounded-xl border px-3.5 py-2.5"
          {...textAreaProps}
        />
      )}
    </LabelledField>
  );
}

type ControlIds = { id: string; "aria-describedby": string | undefined };

function LabelledField({ label, hint, error, children }: FieldText & { children: (ids: ControlIds) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-ink-muted text-xs">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-danger text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
