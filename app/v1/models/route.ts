// GET /v1/models – the models the key's owner may use, in OpenAI's list shape (Bearer personal API key).
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { type RequestRate, rateLimitHeaders, takeApiRequest } from "@/lib/usage-limits/request-rate";
import { listApiModels } from "@/lib/v1/api-models";
import { openAiErrorResponse } from "@/lib/v1/openai-errors";

export async function GET(request: Request): Promise<Response> {
  let rate: RequestRate | null = null;
  try {
    const caller = await authenticateApiKey(request);
    rate = await takeApiRequest(caller);
    return Response.json(await listApiModels(caller.userId), {
      headers: { "Cache-Control": "no-store", ...rateLimitHeaders(rate) },
    });
  } catch (error) {
    return openAiErrorResponse(error, rate);
  }
}
