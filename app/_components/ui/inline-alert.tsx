// An error beside the control it concerns (a row's action, a field of a dialog), announced when it appears.
export function InlineAlert({ message, className }: { message: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={className ? `text-danger text-sm ${className}` : "text-danger text-sm"}>
      {message}
    </p>
  );
}
