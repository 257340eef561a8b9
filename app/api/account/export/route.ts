// GET /api/account/export – download all of the caller's data as JSON (account and conversations, every version).
import { requireApiUser } from "@/lib/auth/session";
import { exportMyData } from "@/lib/conversations/export";
import { attachmentResponse, handle } from "@/lib/http/handler";

export const GET = handle(async () => {
  const user = await requireApiUser();
  return attachmentResponse(await exportMyData(user));
});
