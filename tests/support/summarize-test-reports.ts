// Reads the JSON reports of every suite that ran and prints CI's one closing line: "N passed, N failed".
// A failed `npm test` whose suites all passed (lint, typecheck or build failed) counts as one failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const reportsDir = path.resolve(import.meta.dirname, "../../.test-reports");
type VitestReport = { numPassedTests: number; numFailedTests: number };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number } };

let passed = 0;
let failed = 0;
// Only the JSON reports: the folder also keeps artifacts (screenshots/).
const reportFiles = existsSync(reportsDir) ? readdirSync(reportsDir).filter((file) => file.endsWith(".json")) : [];
for (const file of reportFiles) {
  const report = JSON.parse(readFileSync(path.join(reportsDir, file), "utf8")) as Partial<
    VitestReport & PlaywrightReport
  >;
  if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
}
const exitStatus = Number(process.argv[2] ?? 0);
if (exitStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
