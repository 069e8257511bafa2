// Prints one closing line for the whole test run, summed over the vitest JSON reports that
// `npm test` writes (unit and browser): "tests: N passed, N failed". CI logs read it.
import {existsSync, readFileSync} from "node:fs";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

const reports = ["test-results/unit.json", "test-results/browser.json"];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of reports) {
  if (!existsSync(path)) {
    console.error(`test-summary: ${path} is missing (did that test step run?)`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(path, "utf8")) as VitestJson;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
