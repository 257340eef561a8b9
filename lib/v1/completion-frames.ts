// The Server-Sent Events of a streamed /v1 chat completion, as text. Every chunk of one stream repeats its id,
// creation time and model: that part is encoded once per stream, and a delta costs only the encoding of its text.
// The frames are byte for byte what JSON.stringify makes of the chunk objects (tests/unit/completion-frames.test.ts).

export type ChunkFrames = {
  /** The first chunk: the assistant's role, no text yet. */
  role: () => string;
  delta: (text: string) => string;
  /** The chunk with the finish reason and an empty delta. */
  finish: (reason: string) => string;
  /** The last chunk, with include_usage: the usage and no choices. */
  usage: (usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }) => string;
  /** Any value as one event (an error in OpenAI's shape). */
  data: (value: unknown) => string;
  done: string;
};

export function createChunkFrames(stream: {
  id: string;
  created: number;
  model: string;
  includeUsage: boolean;
}): ChunkFrames {
  const { id, created, model, includeUsage } = stream;
  const identity = `"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)}`;
  const head = `data: {${identity},"choices":[{"index":0,"delta":`;
  const tail = `,"logprobs":null}]${includeUsage ? ',"usage":null' : ""}}\n\n`;
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  return {
    role: () => `${head}{"role":"assistant","content":""},"finish_reason":null${tail}`,
    delta: (text) => `${head}{"content":${JSON.stringify(text)}},"finish_reason":null${tail}`,
    finish: (reason) => `${head}{},"finish_reason":${JSON.stringify(reason)}${tail}`,
    usage: (usage) => `data: {${identity},"choices":[],"usage":${JSON.stringify(usage)}}\n\n`,
    data,
    done: "data: [DONE]\n\n",
  };
}
