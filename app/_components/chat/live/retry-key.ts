// The clientMessageId of a message the server may or may not have stored (the connection failed): sending the
// same text again reuses it, so that the server answers with the turn it already has instead of a second one.
export type RetryKeys = { keyFor: (content: string) => string; settle: () => void };

export function createRetryKeys(): RetryKeys {
  let pending: { content: string; key: string } | null = null;
  return {
    keyFor: (content) => {
      if (pending?.content !== content) pending = { content, key: crypto.randomUUID() };
      return pending.key;
    },
    settle: () => {
      pending = null;
    },
  };
}
