// POST /api/auth/register – create an account (the first one becomes admin).
import { registerUser, registrationSchema } from "@/lib/auth/register";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, registrationSchema);
  const user = await registerUser(input);
  return jsonResponse({ id: user.id, email: user.email, name: user.name, role: user.role }, 201);
});
