// GET /api/admin/api-access – { access }; PUT – who may use the /v1 API: "off", "admins" or "everyone" (audited).
import { z } from "zod";
import { apiAccessLevels, getApiAccess, setApiAccess } from "@/lib/api-keys/api-access";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

const accessSchema = z.strictObject({ access: z.enum(apiAccessLevels) });

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({ access: await getApiAccess() }));

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: accessSchema }, (admin, { access }) =>
  setApiAccess(admin, access),
);
