// ChatGPT exports of one long conversation (a single chain of messages, user and assistant in turn), for the tests
// that need a thread longer than a page.

/** One conversation of ChatGPT's export format: `count` messages, the text of each from `textOf`. */
export function chatGptChain(title: string, count: number, textOf: (index: number) => string) {
  const mapping: Record<string, object> = {};
  for (let index = 0; index < count; index++) {
    mapping[`n${index}`] = {
      id: `n${index}`,
      parent: index === 0 ? null : `n${index - 1}`,
      children: index === count - 1 ? [] : [`n${index + 1}`],
      message: {
        author: { role: index % 2 === 0 ? "user" : "assistant" },
        content: { content_type: "text", parts: [textOf(index)] },
        create_time: 1_700_000_000 + index,
      },
    };
  }
  return { title, create_time: 1_700_000_000, current_node: `n${count - 1}`, mapping };
}

// The shape that used to stall the whole server while it was parsed and tokenized: 5,000 messages of ~4 KB make
// ~20 MB.
export function makeLargeChatGptExport(messageCount = 5000): string {
  const text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(70);
  return JSON.stringify([chatGptChain("Huge", messageCount, (index) => `${index}: ${text}`)]);
}
