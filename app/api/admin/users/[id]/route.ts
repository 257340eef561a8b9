// PATCH /api/admin/users/{id} – change role or status { role?, status? } (status ACTIVE approves or enables);
// DELETE – delete the account and its private conversations.
import { parseId } from "@/lib/access/ids";
import { requireApiAdmin } from "@/lib/auth/session";
import { changeUser, removeUser, userChangesSchema } from "@/lib/auth/user-admin";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

type Params = { id: string };

export const PATCH = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, userChangesSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await changeUser(admin, id, input));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const admin = await requireApiAdmin();
  await removeUser(admin, id);
  return new Response(null, { status: 204 });
});
