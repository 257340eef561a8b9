// An unexpected console.error fails the test that caused it; tests that expect one spy on console.error.
import { afterEach, vi } from "vitest";

let unexpectedErrors: unknown[][] = [];

vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  unexpectedErrors.push(args);
});

afterEach(() => {
  const errors = unexpectedErrors;
  unexpectedErrors = [];
  if (errors.length > 0)
    throw new Error(`console.error was called:\n${errors.map((args) => args.join(" ")).join("\n")}`);
});
