// For a test that expects errors to be logged: they are collected, until the test ends, instead of failing it (the
// spy of fail-on-console-error.ts steps aside and comes back after), so that the test can check what was logged.
import { onTestFinished, vi } from "vitest";

export function collectConsoleErrors(): string[] {
  const errorSpy = vi.spyOn(console, "error");
  const failOnError = errorSpy.getMockImplementation();
  const logged: string[] = [];
  errorSpy.mockImplementation((...args: unknown[]) => logged.push(args.join(" ")));
  onTestFinished(() => {
    errorSpy.mockImplementation(failOnError ?? (() => {}));
  });
  return logged;
}
