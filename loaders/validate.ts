// Moved to src/tables/validate.ts so pages can import it (Framework serves only files under src/).
export * from "../src/tables/validate.js";
