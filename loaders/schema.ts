// Moved to src/tables/schema.ts so pages can import it (Framework serves only files under src/).
export * from "../src/tables/schema.js";
