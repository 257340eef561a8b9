// POST /api/auth/register – create an account under the registration policy (the first one becomes admin).
import { registerUser, registrationSchema } from "@/lib/auth/register";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, registrationSchema);
  const user = await registerUser(input);
  const { id, email, name, role, status } = user;
  return jsonResponse({ id, email, name, role, status }, 201);
});
