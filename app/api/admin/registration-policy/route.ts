// GET /api/admin/registration-policy – { policy, source }; PUT – set it { policy: "open" | "approval" | "closed" }.
import { z } from "zod";
import { getRegistrationPolicy, registrationPolicySchema, setRegistrationPolicy } from "@/lib/auth/registration-policy";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

const policyChangeSchema = z.strictObject({ policy: registrationPolicySchema });

export const GET = handle(async () => {
  await requireApiAdmin();
  return jsonResponse(await getRegistrationPolicy());
});

export const PUT = handle(async (request) => {
  const { policy } = await parseJsonBody(request, policyChangeSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await setRegistrationPolicy(admin, policy));
});
