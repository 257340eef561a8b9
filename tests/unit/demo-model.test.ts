import { describe, expect, it } from "vitest";
import { composeDemoReply, splitIntoDeltas } from "@/lib/models/demo";
import { parseModelList } from "@/lib/models/seed-from-env";

describe("the demo model", () => {
  it("quotes the user's message and splits its reply into deltas that join back exactly", () => {
    const reply = composeDemoReply("  What   is Parley? ");
    expect(reply).toContain('"What is Parley?"');
    const deltas = splitIntoDeltas(reply);
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join("")).toBe(reply);
  });
});

describe("parseModelList", () => {
  it("keeps order, trims names and drops blanks and repeats", () => {
    expect(parseModelList(" gpt-4o-mini, ,llama3.2,gpt-4o-mini ")).toEqual(["gpt-4o-mini", "llama3.2"]);
  });
});
