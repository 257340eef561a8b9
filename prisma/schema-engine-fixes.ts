// Work-arounds for Prisma 6's JavaScript schema engine on the pg adapter. Loaded by prisma.config.ts only,
// never by the app. Each fix names the upstream problem; drop it when upstream fixes it.
import pg from "pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
// Introspection returns `"char"` (18) and `name` (19) columns, which adapter-pg cannot map
// (prisma/prisma#27403). Both are plain strings, so report them as text.
const TEXT_LIKE_TYPE_IDS = new Map<number, number>([
  [18, TEXT],
  [19, TEXT],
  [1002, TEXT_ARRAY],
  [1003, TEXT_ARRAY],
]);

type FieldsCarrier = { fields?: { dataTypeID: number }[] };

function relabelTextLikeFields<T>(result: T): T {
  for (const field of (result as FieldsCarrier | undefined)?.fields ?? []) {
    const replacement = TEXT_LIKE_TYPE_IDS.get(field.dataTypeID);
    if (replacement !== undefined) field.dataTypeID = replacement;
  }
  return result;
}

export function patchPgForSchemaEngine(): void {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const originalQuery = prototype.query;
  prototype.query = function patchedQuery(this: unknown, ...args: unknown[]) {
    const callbackIndex = args.findIndex((argument) => typeof argument === "function");
    if (callbackIndex >= 0) {
      // Callback form, used by pg.Pool#query.
      const callback = args[callbackIndex] as (error: unknown, result: unknown) => void;
      args[callbackIndex] = (error: unknown, result: unknown) => callback(error, relabelTextLikeFields(result));
      return originalQuery.apply(this, args);
    }
    const returned = originalQuery.apply(this, args);
    if (returned instanceof Promise) return returned.then(relabelTextLikeFields);
    return returned;
  };
}

// The wasm schema engine arms 10 s and 60 s timers that it never clears, which keeps `migrate deploy` alive
// for 12 s instead of 2 s. Unref long timers so that the CLI exits once its work is done.
export function unrefLongTimers(thresholdMs = 5_000): void {
  const originalSetTimeout = globalThis.setTimeout;
  const patched = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    const timer = originalSetTimeout(handler as () => void, timeout, ...rest);
    if ((timeout ?? 0) >= thresholdMs) (timer as unknown as NodeJS.Timeout).unref?.();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, originalSetTimeout);
}

// adapter-pg's executeScript splits a migration on every ";", even inside a $$-quoted function body (a trigger in
// a migration, e.g. 20261206104000_scale_usage_day), a string or a comment. Split only between statements instead.
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let index = 0;
  const skipPast = (end: string, from: number) => {
    const found = script.indexOf(end, from);
    return found < 0 ? script.length : found + end.length;
  };
  while (index < script.length) {
    const rest = script.slice(index);
    const dollarTag = /^\$[A-Za-z_]*\$/.exec(rest)?.[0];
    if (rest.startsWith("--")) index = skipPast("\n", index);
    else if (rest.startsWith("/*")) index = skipPast("*/", index + 2);
    else if (rest[0] === "'" || rest[0] === '"') index = skipPast(rest[0], index + 1);
    else if (dollarTag) index = skipPast(dollarTag, index + dollarTag.length);
    else {
      if (rest[0] === ";") {
        statements.push(script.slice(start, index));
        start = index + 1;
      }
      index++;
    }
  }
  statements.push(script.slice(start));
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}

type ScriptAdapter = {
  executeScript: (script: string) => Promise<void>;
  underlyingDriver: () => pg.Pool;
};

/** The factory's adapters run a script statement by statement as splitSqlScript cuts it. */
export function executeWholeStatements<Factory extends { connect: () => Promise<ScriptAdapter> }>(
  factory: Factory,
): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // The adapter's own error mapping (a private method), so that the engine reports a failed statement as before.
    const { onError } = adapter as unknown as { onError: (error: unknown) => never };
    adapter.executeScript = async (script) => {
      for (const statement of splitSqlScript(script)) {
        try {
          await adapter.underlyingDriver().query(statement);
        } catch (error) {
          onError.call(adapter, error);
        }
      }
    };
    return adapter;
  };
  return factory;
}
