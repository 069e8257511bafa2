// The known-miss reasons are shown to readers (/calibration, /methodology, /case-studies and the
// CLI's validate commands): they may cite a file or a paper, but not name the code's own options,
// fields or constants (audit17 found `MemoryOptions.ddpFirstStepBuckets` and `steadyMemoryRatio`
// in /calibration's prose).
import {describe, expect, it} from "vitest";
import {RUN_KNOWN_MISSES} from "../../src/engine/runKnownMisses.js";
import {KNOWN_MISSES} from "../../src/engine/perf/validation.js";
import {MEMORY_KNOWN_MISSES} from "../../src/engine/perf/measured.js";
import {MULTI_MEMORY_KNOWN_MISSES, MULTI_STEP_TIME_KNOWN_MISSES, WIDE_MEMORY_KNOWN_MISSES, WIDE_STEP_TIME_KNOWN_MISSES} from "../../src/engine/perf/measuredMulti.js";

/** A code identifier a reader would not know: Type.field, a lowerCamelCase name, or a CONSTANT_NAME. */
const CODE_NAME = /\b[A-Z][A-Za-z]+(Options|Spec|Prediction)\.[a-z]\w*|\b[a-z]+[A-Z]\w*(?!\.(ts|py|csv|md)\b)\b|\b[A-Z]{2,}(_[A-Z]+)+\b/g;
/** Names that are product or model names, not code. */
const ALLOWED = new Set(["torch.compile", "gradient_as_bucket_view"]);

const reasons: [string, string][] = [
  ...Object.entries(RUN_KNOWN_MISSES).map(([id, r]): [string, string] => [`run ${id}`, r]),
  ...Object.entries(KNOWN_MISSES).map(([id, r]): [string, string] => [`mfu ${id}`, r]),
  ...[...MEMORY_KNOWN_MISSES, ...MULTI_MEMORY_KNOWN_MISSES, ...MULTI_STEP_TIME_KNOWN_MISSES, ...WIDE_MEMORY_KNOWN_MISSES, ...WIDE_STEP_TIME_KNOWN_MISSES]
    .map((m, i): [string, string] => [`step miss ${i}`, (m as {reason: string}).reason])
];

describe("known-miss reasons are reader words", () => {
  it("has reasons to check", () => expect(reasons.length).toBeGreaterThan(10));
  it("name no option, field or constant of the code", () => {
    const found = reasons.flatMap(([where, text]) => [...text.matchAll(CODE_NAME)].map((m) => m[0]).filter((n) => !ALLOWED.has(n)).map((n) => `${where}: ${n}`));
    expect(found).toEqual([]);
  });
});
