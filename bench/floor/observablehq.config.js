// The floor of the calculator's slider measure (bench/floor.ts): a bare Framework site with one
// page, one Inputs range and one text cell. Built on its own (`observable build` in this folder),
// never part of the atlas. bench/floor.ts first copies the atlas's seeded npm cache
// (npm run seed) here, so the build asks no network.
export default {
  root: "src",
  output: "dist",
  title: "Slider floor",
  pages: [],
  globalStylesheets: [],
  head: `<link rel="icon" href="data:,">`,
  footer: "",
  // As the atlas (docs/offline-build.md): no extension download at build time.
  duckdb: {extensions: {json: null, parquet: null}}
};
