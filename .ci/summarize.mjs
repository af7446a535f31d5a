// Sums Vitest's and Playwright's JSON reports into the one line CI reads:
// "N passed, N failed". A failed step without a test report (lint, typecheck, build, or a
// suite that crashed) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [outDir, ...failedSteps] = process.argv.slice(2);
const read = (file) => {
  const full = path.join(outDir, file);
  return existsSync(full) ? JSON.parse(readFileSync(full, "utf8")) : null;
};

let passed = 0;
let failed = 0;

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  console.log(
    `vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests ?? 0} skipped`,
  );
  if (failedSteps.includes("tests") && !vitest.numFailedTests) failed += 1; // e.g. a file that failed to load
} else {
  failed += 1;
  console.log("vitest: no report");
}

const e2e = read("e2e.json");
if (e2e) {
  const s = e2e.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  console.log(
    `e2e: ${s.expected ?? 0} passed, ${s.unexpected ?? 0} failed, ${s.flaky ?? 0} flaky, ${s.skipped ?? 0} skipped`,
  );
  if (failedSteps.includes("e2e") && !s.unexpected) failed += 1;
} else {
  failed += 1;
  console.log("e2e: no report");
}

failed += failedSteps.filter((step) => !["tests", "e2e"].includes(step)).length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
