import { describe, expect, it } from "vitest";
import { composeDemoReply, DEMO_WELCOME, splitIntoDeltas } from "@/lib/models/demo";
import { parseModelList } from "@/lib/models/seed-from-env";

describe("the demo model", () => {
  const markdown = `| a | b |\n|---|---|\n| 1 | 2 |\n\n\`\`\`js\nconst ${"long".repeat(80)} = 1;\n\`\`\`\n\n  indented  `;

  it("echoes the message intact, however long, in deltas that join back exactly", () => {
    const reply = composeDemoReply(markdown);
    expect(reply).toBe(`You wrote:\n\n${markdown}`);
    const deltas = splitIntoDeltas(reply);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(reply);
  });

  it("answers the first message of a conversation and 'help' with a Markdown welcome on connecting a model", () => {
    expect(composeDemoReply(" Help ")).toBe(DEMO_WELCOME);
    expect(composeDemoReply("hi", true)).toBe(`${DEMO_WELCOME}\n\n---\n\nYou wrote:\n\nhi`);
    expect(DEMO_WELCOME).toMatch(/^\| OpenAI \| set `OPENAI_API_KEY`/m);
    expect(DEMO_WELCOME).toContain("```sh\n");
    expect(DEMO_WELCOME).toMatch(/^\$\$\n.+\n\$\$$/m);
    expect(DEMO_WELCOME).toContain("Admin console");
  });

  it("keeps a long reply to at most 200 deltas", () => {
    const long = composeDemoReply("word ".repeat(5_000));
    const deltas = splitIntoDeltas(long);
    expect(deltas.length).toBeLessThanOrEqual(200);
    expect(deltas.join("")).toBe(long);
    expect(splitIntoDeltas("\n\n  two words").join("")).toBe("\n\n  two words");
  });
});

describe("parseModelList", () => {
  it("keeps order, trims names and drops blanks and repeats", () => {
    expect(parseModelList(" gpt-4o-mini, ,llama3.2,gpt-4o-mini ")).toEqual(["gpt-4o-mini", "llama3.2"]);
  });
});
