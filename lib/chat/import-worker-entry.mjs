// The import worker thread's entry: Node runs plain JavaScript here, so it loads the TypeScript worker through
// tsx, as the launcher loads lib/ (workers do not inherit the main thread's module hooks).
import { tsImport } from "tsx/esm/api";

await tsImport("./import-worker.ts", import.meta.url);
