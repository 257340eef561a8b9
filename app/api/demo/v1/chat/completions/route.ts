// POST /api/demo/v1/chat/completions – the offline demo model, speaking the OpenAI Chat Completions protocol.
import { streamDemoCompletion } from "@/lib/models/demo-endpoint";

export async function POST(request: Request) {
  return streamDemoCompletion(request);
}
