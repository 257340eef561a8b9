// Vitest global setup for integration tests: one test stack per run, its addresses handed to every test file.
import type { TestProject } from "vitest/node";
import { startTestStack } from "./test-stack";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    clusterUrl: string;
    serverLogFile: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("clusterUrl", stack.clusterUrl);
  project.provide("serverLogFile", stack.logFile);
  return stack.stop;
}
