// GET /v1/models – the models the key's owner may use, in OpenAI's list shape (Bearer personal API key).
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { takeApiRequest } from "@/lib/usage-limits/request-rate";
import { listApiModels } from "@/lib/v1/api-models";
import { openAiErrorResponse } from "@/lib/v1/openai-errors";

export async function GET(request: Request): Promise<Response> {
  try {
    const caller = await authenticateApiKey(request);
    await takeApiRequest(caller);
    return Response.json(await listApiModels(caller.userId), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return openAiErrorResponse(error);
  }
}
