export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="border-danger/30 bg-danger/5 text-danger rounded-xl border px-3.5 py-2.5 text-sm">
      {message}
    </p>
  );
}
