import type { ReactNode } from "react";
import { InlineAlert } from "./inline-alert";

/** The buttons at the end of a row (a user, a member, an invitation), with the error of the last one pressed. */
export function RowActions({ error, children }: { error: string | null; children: ReactNode }) {
  return (
    <div className="flex flex-col items-end gap-1">
      {children}
      <InlineAlert message={error} />
    </div>
  );
}
