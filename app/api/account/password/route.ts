// POST /api/account/password – change the caller's password; by default every other device is signed out.
import { changePassword, passwordChangeSchema } from "@/lib/accounts/account-settings";
import { formatCookie, sessionCookieFor } from "@/lib/auth/form-sign-in";
import { knownDeviceCookie } from "@/lib/auth/known-devices";
import { requireApiUser } from "@/lib/auth/session";
import { getClientAddress } from "@/lib/http/client-address";
import { handle, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, passwordChangeSchema);
  const user = await requireApiUser();
  const { passwordHash, sessionVersion } = await changePassword(user, input, getClientAddress(request.headers));
  const response = new Response(null, { status: 204 });
  // Every session ended, this one too: this device gets a new cookie and stays signed in.
  if (sessionVersion !== null) {
    const cookie = await sessionCookieFor({ ...user, sessionVersion });
    response.headers.append("Set-Cookie", formatCookie(cookie));
  }
  // The new password ended every known device of the account; this one knows it.
  response.headers.append("Set-Cookie", formatCookie(knownDeviceCookie({ id: user.id, passwordHash })));
  return response;
});
