import {defineConfig} from "vitest/config";

// Browser tests share one built dist/ and one Chromium per file; run files one at a time on
// the 2-core machine so timings stay sane.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false
  }
});
