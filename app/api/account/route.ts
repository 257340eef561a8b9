// PATCH /api/account – change the caller's name or email (a new email needs the current password).
// DELETE /api/account – delete the caller's own account, confirmed by its email and its current password (if any).
import { changeProfile, profileChangesSchema } from "@/lib/accounts/account-settings";
import { deleteOwnAccount, deleteOwnAccountSchema } from "@/lib/accounts/delete-own-account";
import { requireApiUser } from "@/lib/auth/session";
import { getClientAddress } from "@/lib/http/client-address";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

export const PATCH = handle(async (request) => {
  const input = await parseJsonBody(request, profileChangesSchema);
  const user = await requireApiUser();
  return jsonResponse(await changeProfile(user, input, getClientAddress(request.headers)));
});

export const DELETE = handle(async (request) => {
  const input = await parseJsonBody(request, deleteOwnAccountSchema);
  const user = await requireApiUser();
  await deleteOwnAccount(user, input, getClientAddress(request.headers));
  return new Response(null, { status: 204 });
});
