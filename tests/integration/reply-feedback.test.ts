// Readers' verdicts on replies: each reader's own (owner and team members alike), changed and withdrawn, only on a
// reply of the conversation, and counted per model, with their words, for the admins' usage page.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getFeedbackReport } from "@/lib/db/reply-feedback";
import { addMember, makeModel, makePerson, makeTeam, type Person } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

/** A model of its own, so that a test counts only its own verdicts. */
async function makeJudgedModel(): Promise<string> {
  const upstreamName = `judged-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, { reply: "An answer." });
  return (await makeModel(upstream.url, { upstreamName })).id;
}

/** A conversation of `owner` with one turn: its id, the user message's and the reply's. */
async function conversationWithReply(owner: Person, modelId?: string) {
  const created = await owner.client.json("/api/conversations", { modelId: modelId ?? (await makeJudgedModel()) });
  const { id } = (await created.json()) as { id: string };
  const ids = startedIds(
    await collectEvents(await owner.client.json(`/api/conversations/${id}/messages`, { content: "Hi" })),
  );
  return { id, userMessageId: ids.userMessageId, replyId: ids.assistantMessageId };
}

const feedbackUrl = (id: string, messageId: string) => `/api/conversations/${id}/messages/${messageId}/feedback`;
const ownVerdicts = async (who: Person, id: string) =>
  (await (await who.client.fetch(`/api/conversations/${id}/feedback`)).json()) as { feedback: unknown[] };

describe("a verdict on a reply", () => {
  it("is each reader's own: given, changed, withdrawn, and seen by no other reader", async () => {
    const [ana, vic] = await Promise.all([makePerson("Ana"), makePerson("Vic")]);
    const { id, replyId } = await conversationWithReply(ana);
    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, vic.id, "VIEWER")]);
    await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT");

    const good = await ana.client.json(feedbackUrl(id, replyId), { rating: "good" }, "PUT");
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ messageId: replyId, rating: "good", comment: null });
    const viewers = await vic.client.json(feedbackUrl(id, replyId), { rating: "bad", comment: "Vague." }, "PUT");
    expect(viewers.status).toBe(200);

    // A change replaces the reader's verdict (words trimmed); the other reader's stays theirs alone.
    await ana.client.json(feedbackUrl(id, replyId), { rating: "bad", comment: "  Wrong date.\n" }, "PUT");
    expect(await ownVerdicts(ana, id)).toEqual({
      feedback: [{ messageId: replyId, rating: "bad", comment: "Wrong date." }],
    });
    expect(await ownVerdicts(vic, id)).toEqual({
      feedback: [{ messageId: replyId, rating: "bad", comment: "Vague." }],
    });

    expect((await vic.client.fetch(feedbackUrl(id, replyId), { method: "DELETE" })).status).toBe(204);
    expect(await ownVerdicts(vic, id)).toEqual({ feedback: [] });
    expect(await db().replyFeedback.count({ where: { messageId: replyId } })).toBe(1);
  });

  it("is refused on anything but a reply of that conversation, and for words past the limit, storing nothing", async () => {
    const [ana, eve] = await Promise.all([makePerson("Ana"), makePerson("Eve")]);
    const { id, userMessageId, replyId } = await conversationWithReply(ana);
    const other = await conversationWithReply(ana);
    const refusals: [Person, string, unknown, number][] = [
      [ana, feedbackUrl(id, userMessageId), { rating: "good" }, 404],
      [ana, feedbackUrl(id, other.replyId), { rating: "good" }, 404],
      [ana, feedbackUrl(id, replyId), { rating: "meh" }, 400],
      [ana, feedbackUrl(id, replyId), { rating: "bad", comment: "x".repeat(2_001) }, 400],
      [eve, feedbackUrl(id, replyId), { rating: "good" }, 404],
    ];
    for (const [who, url, body, status] of refusals) {
      expect((await who.client.json(url, body, "PUT")).status, `${url} ${JSON.stringify(body).slice(0, 40)}`).toBe(
        status,
      );
    }
    expect(await db().replyFeedback.count({ where: { message: { conversationId: { in: [id, other.id] } } } })).toBe(0);
  });

  it("is counted per model for the admins, with the newest words first and no reader named", async () => {
    const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
    const modelId = await makeJudgedModel();
    const first = await conversationWithReply(ana, modelId);
    const second = await conversationWithReply(ben, modelId);
    const from = new Date(Date.now() - 60_000);
    await ana.client.json(feedbackUrl(first.id, first.replyId), { rating: "good", comment: "Spot on." }, "PUT");
    await ben.client.json(feedbackUrl(second.id, second.replyId), { rating: "bad", comment: "Too long." }, "PUT");

    const report = await getFeedbackReport(from, new Date(Date.now() + 60_000), 20);
    expect(report.byModel.find((row) => row.modelId === modelId)).toMatchObject({ good: 1, bad: 1 });
    const words = report.comments.filter((entry) => ["Spot on.", "Too long."].includes(entry.comment));
    expect(words.map((entry) => [entry.rating, entry.comment])).toEqual([
      ["BAD", "Too long."],
      ["GOOD", "Spot on."],
    ]);
    expect(Object.keys(words[0] ?? {}).sort()).toEqual(["comment", "day", "label", "rating"]);
    expect(words[0]?.day.toISOString()).toMatch(/T00:00:00\.000Z$/);
    // Outside the range: nothing of these.
    const earlier = await getFeedbackReport(new Date(0), from, 20);
    expect(earlier.byModel.find((row) => row.modelId === modelId)).toBeUndefined();
  });
});
