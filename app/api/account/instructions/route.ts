// PUT /api/account/instructions – save the caller's custom instructions (empty: none).
import { customInstructionsSchema, saveCustomInstructions } from "@/lib/accounts/account-settings";
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

export const PUT = jsonHandler(
  { authenticate: requireApiUser, body: customInstructionsSchema },
  saveCustomInstructions,
);
