import {defineConfig} from "vitest/config";

export default defineConfig({
  // Components import libraries as Framework names them (`npm:@observablehq/plot`); in Node those
  // are the packages in node_modules, as in the first-view build (scripts/firstViews/npmSpecifiers.ts).
  resolve: {alias: [{find: /^npm:(.*)$/, replacement: "$1"}]},
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/browser/**", "node_modules/**"],
    environment: "node"
  }
});
