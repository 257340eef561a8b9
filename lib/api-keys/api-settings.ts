// The admin's settings of the /v1 API: who may use it, and how many requests per minute a key and a user may make.
import { z } from "zod";
import type { AuditActor } from "../db/audit";
import {
  getApiRequestsPerMinute,
  requestsPerMinuteSchema,
  setApiRequestsPerMinute,
} from "../usage-limits/request-rate";
import { apiAccessLevels, getApiAccess, setApiAccess } from "./api-access";

export const apiSettingsSchema = z.strictObject({
  access: z.enum(apiAccessLevels).optional(),
  requestsPerMinute: requestsPerMinuteSchema.optional(),
});

export async function getApiSettings() {
  return { access: await getApiAccess(), requestsPerMinute: await getApiRequestsPerMinute() };
}

export async function updateApiSettings(admin: AuditActor, input: z.infer<typeof apiSettingsSchema>) {
  if (input.access) await setApiAccess(admin, input.access);
  if (input.requestsPerMinute) await setApiRequestsPerMinute(admin, input.requestsPerMinute);
  return getApiSettings();
}
