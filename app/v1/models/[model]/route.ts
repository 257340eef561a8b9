// GET /v1/models/{model} – one model the key's owner may use, in OpenAI's model shape (Bearer personal API key).
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { type RequestRate, rateLimitHeaders, takeApiRequest } from "@/lib/usage-limits/request-rate";
import { getApiModel } from "@/lib/v1/api-models";
import { openAiErrorResponse } from "@/lib/v1/openai-errors";

export async function GET(request: Request, { params }: { params: Promise<{ model: string }> }): Promise<Response> {
  let rate: RequestRate | null = null;
  try {
    const caller = await authenticateApiKey(request);
    rate = await takeApiRequest(caller);
    const model = await getApiModel(caller.userId, (await params).model);
    return Response.json(model, {
      headers: { "Cache-Control": "no-store", ...rateLimitHeaders(rate) },
    });
  } catch (error) {
    return openAiErrorResponse(error, rate);
  }
}
