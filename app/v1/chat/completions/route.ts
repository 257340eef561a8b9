// POST /v1/chat/completions – a chat completion for the key's owner, streamed or not, in OpenAI's shapes (Bearer
// personal API key). The key is checked before the body: an SDK without a valid key is told 401, as by OpenAI.
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { parseJsonBody } from "@/lib/http/handler";
import { MAX_API_REQUEST_BYTES } from "@/lib/limits";
import { takeApiRequest } from "@/lib/usage-limits/request-rate";
import { prepareApiCompletion } from "@/lib/v1/api-completion";
import { chatCompletionSchema } from "@/lib/v1/completion-request";
import { completionResponse, streamingCompletionResponse } from "@/lib/v1/completion-response";
import { openAiErrorResponse } from "@/lib/v1/openai-errors";

export async function POST(request: Request): Promise<Response> {
  try {
    const caller = await authenticateApiKey(request);
    await takeApiRequest(caller);
    const body = await parseJsonBody(request, chatCompletionSchema, MAX_API_REQUEST_BYTES);
    const prepared = await prepareApiCompletion(caller, body);
    if (body.stream) {
      return streamingCompletionResponse(prepared, request.signal, body.stream_options?.include_usage === true);
    }
    return await completionResponse(prepared, request.signal);
  } catch (error) {
    return openAiErrorResponse(error);
  }
}
