// The audit log's filters, as the page's form and the API's query string give them: dates are whole days (UTC),
// both ends included.
import { z } from "zod";
import { auditActions, listAuditEntries } from "../db/audit";
import { AppError } from "../errors";

const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-28.")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), "Not a date.");

// Empty form fields mean "no filter".
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

export const auditQuerySchema = z.strictObject({
  actor: z.preprocess(emptyAsUnset, z.string().trim().max(320).optional()),
  action: z.preprocess(emptyAsUnset, z.enum(auditActions).optional()),
  from: z.preprocess(emptyAsUnset, daySchema.optional()),
  to: z.preprocess(emptyAsUnset, daySchema.optional()),
  cursor: z.preprocess(emptyAsUnset, z.string().max(200).optional()),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export async function queryAuditLog(query: AuditQuery) {
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
  const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + ONE_DAY_MS) : undefined;
  const page = await listAuditEntries({ actor: query.actor, action: query.action, from, to }, query.cursor);
  if (!page) throw new AppError("invalid_input", "Invalid cursor.");
  return page;
}
