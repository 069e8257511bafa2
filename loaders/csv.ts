// Moved to src/tables/csv.ts so pages can import it (Framework serves only files under src/).
export * from "../src/tables/csv.js";
