import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-sidebar px-4 py-12">
      <p className="mb-8 font-semibold text-2xl tracking-tight">Parley</p>
      <div className="w-full max-w-sm rounded-2xl border border-line bg-canvas p-8 shadow-sm">{children}</div>
    </main>
  );
}
