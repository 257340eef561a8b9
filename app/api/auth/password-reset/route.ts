// POST /api/auth/password-reset – set a new password with a one-time reset link's token.
import { passwordResetSchema, resetPassword } from "@/lib/accounts/password-reset";
import { formatCookie } from "@/lib/auth/form-sign-in";
import { knownDeviceCookie } from "@/lib/auth/known-devices";
import { handle, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const account = await resetPassword(await parseJsonBody(request, passwordResetSchema));
  const response = new Response(null, { status: 204 });
  // The browser that set the password knows it: it signs in while guesses from elsewhere lock the account.
  response.headers.append("Set-Cookie", formatCookie(knownDeviceCookie(account)));
  return response;
});
