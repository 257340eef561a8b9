// A ChatGPT export of one long conversation (a single chain of messages): the shape that used to stall the whole
// server while it was parsed and tokenized. 5,000 messages of ~4 KB make ~20 MB.
export function makeLargeChatGptExport(messageCount = 5000): string {
  const text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(70);
  const mapping: Record<string, unknown> = {};
  for (let index = 0; index < messageCount; index++) {
    mapping[`n${index}`] = {
      id: `n${index}`,
      parent: index === 0 ? null : `n${index - 1}`,
      children: index === messageCount - 1 ? [] : [`n${index + 1}`],
      message: {
        author: { role: index % 2 === 0 ? "user" : "assistant" },
        content: { content_type: "text", parts: [`${index}: ${text}`] },
        create_time: 1_700_000_000 + index,
      },
    };
  }
  const current = `n${messageCount - 1}`;
  return JSON.stringify([{ title: "Huge", create_time: 1_700_000_000, mapping, current_node: current }]);
}
