// Writes a long conversation straight into the database: a chain of COMPLETE messages alternating USER/ASSISTANT,
// each ~650 tokens with its cached token count, depth and running thread total filled in as the app would. At that
// size ten messages fill most of an 8k window, so a 10-message and a 5,000-message thread send about the same
// window and differ only in the history behind it.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type pg from "pg";

const PARAGRAPH =
  "Benchmarks read best when every figure says what was measured, on which machine, and against which floor. " +
  "This message stands in for an ordinary turn of a long conversation, long enough to matter for the budget. ";
const TARGET_TOKENS = 650;

type Column = { name: string; type: string; cast?: string; valueAt: (index: number) => unknown };
type SeedPlan = { conversationId: string; authorId: string; count: number };

function buildContent(): string {
  let content = "";
  while (countTokens(content) < TARGET_TOKENS) content += PARAGRAPH;
  return content;
}

function planColumns({ conversationId, authorId, count }: SeedPlan): Column[] {
  const body = buildContent();
  const contents = Array.from({ length: count }, (_, index) => `Message ${index}.\n${body}`);
  const tokenCounts = contents.map((content) => countTokens(content));
  const threadTokens: number[] = [];
  let total = 0;
  for (const tokens of tokenCounts) {
    total += tokens;
    threadTokens.push(total);
  }
  const idAt = (index: number) => `bench${conversationId}m${index}`;
  const isUser = (index: number) => index % 2 === 0;
  const createdAt = Date.now() - count * 1000;
  return [
    { name: "id", type: "text", valueAt: idAt },
    { name: "conversationId", type: "text", valueAt: () => conversationId },
    { name: "parentId", type: "text", valueAt: (index) => (index === 0 ? null : idAt(index - 1)) },
    { name: "role", type: "text", cast: '"MessageRole"', valueAt: (index) => (isUser(index) ? "USER" : "ASSISTANT") },
    { name: "content", type: "text", valueAt: (index) => contents[index] },
    { name: "authorId", type: "text", valueAt: (index) => (isUser(index) ? authorId : null) },
    { name: "status", type: "text", cast: '"MessageStatus"', valueAt: () => "COMPLETE" },
    { name: "tokenCount", type: "int4", valueAt: (index) => tokenCounts[index] },
    { name: "tokenEncoding", type: "text", valueAt: () => "o200k_base" },
    { name: "depth", type: "int4", valueAt: (index) => index },
    { name: "threadTokens", type: "int4", valueAt: (index) => threadTokens[index] },
    { name: "createdAt", type: "timestamp", valueAt: (index) => new Date(createdAt + index * 1000).toISOString() },
    { name: "updatedAt", type: "timestamp", valueAt: (index) => new Date(createdAt + index * 1000).toISOString() },
  ];
}

/** The Message columns as they are now: another change may have added or renamed some since this was written. */
async function readMessageColumns(client: pg.Client): Promise<{ name: string; isRequired: boolean }[]> {
  const { rows } = await client.query<{ name: string; isRequired: boolean }>(
    `SELECT column_name AS name, (is_nullable = 'NO' AND column_default IS NULL) AS "isRequired"
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'Message'`,
  );
  return rows;
}

/** Inserts the chain and makes its last message the conversation's current leaf; returns the leaf's id. */
export async function seedThread(client: pg.Client, plan: SeedPlan): Promise<string> {
  const existing = await readMessageColumns(client);
  const planned = planColumns(plan);
  const unfilled = existing.filter((column) => column.isRequired && !planned.some((each) => each.name === column.name));
  if (unfilled.length > 0) {
    throw new Error(`Message has required columns the seed does not fill: ${unfilled.map((c) => c.name).join(", ")}`);
  }
  const columns = planned.filter((column) => existing.some((each) => each.name === column.name));
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  const selected = columns.map((column, index) => `c${index}${column.cast ? `::${column.cast}` : ""}`).join(", ");
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(", ");
  const aliases = columns.map((_, index) => `c${index}`).join(", ");
  const values = columns.map((column) => Array.from({ length: plan.count }, (_, index) => column.valueAt(index)));
  await client.query(
    `INSERT INTO "Message" (${names}) SELECT ${selected} FROM unnest(${arrays}) AS seed(${aliases})`,
    values,
  );
  const leafId = String(columns[0]?.valueAt(plan.count - 1));
  await client.query(`UPDATE "Conversation" SET "currentLeafId" = $1 WHERE id = $2`, [leafId, plan.conversationId]);
  return leafId;
}
