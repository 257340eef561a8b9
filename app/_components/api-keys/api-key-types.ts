// The shapes the API-key and usage views receive from the server (lib/api-keys/api-keys.ts, usage-report.ts).
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
};

export type OwnUsage = {
  today: { tokens: number; limit: number | null; left: number | null; resetsAt: string };
  month: {
    tokens: number;
    limit: number | null;
    left: number | null;
    costMicros: number;
    costLimitMicros: number | null;
    resetsAt: string;
  };
};

export function keyStatus(key: ApiKeyRow, now = Date.now()): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return "expired";
  return "active";
}
