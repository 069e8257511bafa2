// Moved to src/tables/errors.ts so pages can import it (Framework serves only files under src/).
export * from "../src/tables/errors.js";
