// Moved to src/tables/columns.ts so pages can import it (Framework serves only files under src/).
export * from "../../src/tables/columns.js";
