// Reads the two streaming formats the bench sees: Parley's named events (`delta` {text}, `done`, `error`) and the
// upstream's OpenAI chunks (`data: {choices:[{delta:{content}}]}` ... `data: [DONE]`), which the raw relay passes on.
export type StreamFormat = "parley" | "openai";
export type StreamSignal = { kind: "delta"; text: string } | { kind: "done" } | { kind: "error"; detail: string };

type EventBlock = { event: string; data: string };

/** Takes the complete events off the front of `buffer`; returns them and what is left. */
export function splitEvents(buffer: string): { blocks: EventBlock[]; rest: string } {
  const blocks: EventBlock[] = [];
  let rest = buffer;
  for (let boundary = rest.indexOf("\n\n"); boundary >= 0; boundary = rest.indexOf("\n\n")) {
    blocks.push(parseBlock(rest.slice(0, boundary)));
    rest = rest.slice(boundary + 2);
  }
  return { blocks, rest };
}

function parseBlock(block: string): EventBlock {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return { event, data: data.join("\n") };
}

export function interpretEvent(format: StreamFormat, block: EventBlock): StreamSignal | undefined {
  if (block.data === "") return undefined; // comments such as keep-alives
  return format === "parley" ? interpretParleyEvent(block) : interpretUpstreamChunk(block.data);
}

function interpretParleyEvent(block: EventBlock): StreamSignal | undefined {
  // A reasoning model's thinking is a delta too (a separate event, its own text): the bench counts both alike.
  if (block.event === "delta" || block.event === "reasoning") {
    return { kind: "delta", text: (JSON.parse(block.data) as { text: string }).text };
  }
  if (block.event === "done") return { kind: "done" };
  if (block.event === "error") return { kind: "error", detail: block.data };
  return undefined;
}

function interpretUpstreamChunk(data: string): StreamSignal | undefined {
  if (data === "[DONE]") return { kind: "done" };
  const chunk = JSON.parse(data) as {
    choices?: { delta?: { content?: string | null; reasoning_content?: string | null } }[];
    error?: unknown;
  };
  if (chunk.error) return { kind: "error", detail: data };
  const delta = chunk.choices?.[0]?.delta;
  const text = delta?.content || delta?.reasoning_content;
  return text ? { kind: "delta", text } : undefined;
}
