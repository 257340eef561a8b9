// POST /api/admin/users/{id}/reset-link – a one-time password reset link for the user, shown once (audited).
import { createAdminResetLink } from "@/lib/accounts/password-reset";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";

export const POST = jsonHandlerForId({ authenticate: requireApiAdmin, status: 201 }, createAdminResetLink);
