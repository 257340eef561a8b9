// POST /api/auth/forgot-password – mail a reset link; the same 202 whether or not the address has an account.
import { forgotPasswordSchema, requestPasswordResetMail } from "@/lib/accounts/forgot-password";
import { getClientAddress } from "@/lib/http/client-address";
import { handle, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, forgotPasswordSchema);
  await requestPasswordResetMail(input, getClientAddress(request.headers));
  return new Response(null, { status: 202 });
});
