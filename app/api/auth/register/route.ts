// POST /api/auth/register – create an account under the registration policy (the first one becomes admin).
import { registerUser, registrationSchema } from "@/lib/auth/register";
import { assertRegistrationAllowed } from "@/lib/auth/throttle";
import { getClientAddress } from "@/lib/http/client-address";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, registrationSchema);
  // Counted before anything else: "email taken" tells whether an address has an account, so it is rationed.
  await assertRegistrationAllowed(getClientAddress(request.headers));
  const user = await registerUser(input);
  const { id, email, name, role, status } = user;
  return jsonResponse({ id, email, name, role, status }, 201);
});
