// POST /api/auth/password-reset – set a new password with a one-time reset link's token.
import { passwordResetSchema, resetPassword } from "@/lib/accounts/password-reset";
import { handle, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  await resetPassword(await parseJsonBody(request, passwordResetSchema));
  return new Response(null, { status: 204 });
});
