// Database work per turn, counted by pg_stat_statements (calls and rows of every statement the app ran, updated as
// each statement ends). Writes per token compare two kinds of turn that stream for the same 2 s, one with 201 tokens
// and one with 21: the once-a-second partial save costs both the same, so only writes that follow tokens remain.
import pg from "pg";
import type { BenchContext } from "./bench-context";
import { judge, NOT_MEASURED, type Section } from "./report";
import { runStreams } from "./stream-load";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

type Totals = { statements: number; transactionControl: number; writeStatements: number; rowsWritten: number };
type TurnShape = { tokens: number; paceMs: number };

const MANY_TOKENS: TurnShape = { tokens: 201, paceMs: 10 };
const FEW_TOKENS: TurnShape = { tokens: 21, paceMs: 100 };
// A per-token write would show as ≥ 1; the margin absorbs the partial-save timer landing on either side of a turn.
const WRITES_PER_TOKEN_LIMIT = 0.05;

// The bench's own queries name pg_stat_statements and are left out.
const TOTALS_QUERY = `
  SELECT coalesce(sum(calls), 0)::float8 AS statements,
         coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(begin|commit|rollback)'), 0)::float8 AS "transactionControl",
         coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(insert|update|delete)'), 0)::float8 AS "writeStatements",
         coalesce(sum(rows) FILTER (WHERE query ~* '^\\s*(insert|update|delete)'), 0)::float8 AS "rowsWritten"
    FROM pg_stat_statements
   WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND query NOT ILIKE '%pg_stat_statements%'`;

async function readTotals(client: pg.Client): Promise<Totals> {
  const { rows } = await client.query<Totals>(TOTALS_QUERY);
  if (!rows[0]) throw new Error("pg_stat_statements returned nothing");
  return rows[0];
}

async function measurePerTurn(context: BenchContext, client: pg.Client, shape: TurnShape): Promise<Totals> {
  const turnCount = context.config.dbTurns;
  const turns = await context.app.prepare(turnCount);
  setReply(context.fake, shape.tokens, shape.paceMs);
  await waitForUpstreamIdle(context.fake);
  const before = await readTotals(client);
  const results = await runStreams(turns, 0);
  const failed = results.find((result) => result.outcome !== "done");
  if (failed) throw new Error(`a turn failed: ${failed.outcome} ${failed.detail ?? ""}`);
  const after = await readTotals(client);
  const perTurn = (key: keyof Totals) => (after[key] - before[key]) / turnCount;
  return {
    statements: perTurn("statements"),
    transactionControl: perTurn("transactionControl"),
    writeStatements: perTurn("writeStatements"),
    rowsWritten: perTurn("rowsWritten"),
  };
}

export async function measureDatabase(context: BenchContext): Promise<Section> {
  if (context.database.statementsUnavailable) throw new Error(context.database.statementsUnavailable);
  const client = new pg.Client({ connectionString: context.database.databaseUrl });
  await client.connect();
  try {
    const many = await measurePerTurn(context, client, MANY_TOKENS);
    const few = await measurePerTurn(context, client, FEW_TOKENS);
    const writesPerToken = (many.rowsWritten - few.rowsWritten) / (MANY_TOKENS.tokens - FEW_TOKENS.tokens);
    const fixed = (value: number) => value.toFixed(1);
    return {
      rows: [
        {
          measure: "database statements per turn (pg_stat_statements)",
          parley: `${fixed(many.statements)} (${fixed(many.statements - many.transactionControl)} without BEGIN/COMMIT)`,
          relay: NOT_MEASURED,
          goal: NOT_MEASURED,
          verdict: "",
        },
        {
          measure: "database rows written per streamed token",
          parley: writesPerToken.toFixed(3),
          relay: NOT_MEASURED,
          goal: `0 (< ${WRITES_PER_TOKEN_LIMIT})`,
          verdict: judge(Math.abs(writesPerToken) < WRITES_PER_TOKEN_LIMIT),
        },
      ],
      notes: [
        `Database: ${context.config.dbTurns} concurrent turns per shape. A ${MANY_TOKENS.tokens}-token turn: ` +
          `${fixed(many.statements)} statements, ${fixed(many.writeStatements)} writes, ${fixed(many.rowsWritten)} rows ` +
          `written; a ${FEW_TOKENS.tokens}-token turn of the same 2 s: ${fixed(few.statements)} statements, ` +
          `${fixed(few.rowsWritten)} rows written. Writes per token = difference in rows / ` +
          `${MANY_TOKENS.tokens - FEW_TOKENS.tokens} tokens.`,
      ],
    };
  } finally {
    await client.end();
  }
}
