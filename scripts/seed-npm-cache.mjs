// Fills Observable Framework's npm cache from node_modules so that `observable build` and
// `observable preview` never reach the CDN or the npm registry. Recipe and rationale:
// ../shared/notes/framework-offline-build.md (copied into docs/offline-build.md).
//
// Framework 1.13.4 resolves `npm:<name>` to `.observablehq/cache/_npm/<name>@<version>/_esm.js`
// and skips the download when that file exists; it picks the highest cached version that
// satisfies the range. We write an esbuild bundle of each package there, with shared
// dependencies kept as imports of their sibling cache entries (as jsDelivr's +esm does).
import {build} from "esbuild";
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(root, "src", ".observablehq", "cache", "_npm");

/** Packages to bundle: entry (relative to the package), and which dependencies stay external. */
const SEED = [
  {name: "d3", entry: null, external: []},
  {name: "d3-dsv", entry: null, external: []},
  {name: "htl", entry: null, external: []},
  {name: "isoformat", entry: null, external: []},
  {name: "@observablehq/plot", entry: null, external: ["d3", "isoformat"]},
  {name: "arquero", entry: null, external: []},
  {name: "apache-arrow", entry: "Arrow.dom.mjs", external: []},
  {name: "@duckdb/duckdb-wasm", entry: null, external: ["apache-arrow"]}
];

/** Raw files Framework's DuckDB client loads next to the module. */
const DUCKDB_ASSETS = [
  "dist/duckdb-mvp.wasm",
  "dist/duckdb-browser-mvp.worker.js",
  "dist/duckdb-eh.wasm",
  "dist/duckdb-browser-eh.worker.js"
];

/** Libraries Framework's client may lazily resolve; an empty folder answers the version lookup. */
const STUBS = [
  "lodash", "echarts", "leaflet", "mapbox-gl", "react", "react-dom", "topojson-client",
  "parquet-wasm", "@observablehq/sample-datasets"
];
const STUB_VERSION = "0.0.0-offline";

function packageDir(name) {
  return join(root, "node_modules", name);
}

function versionOf(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}

function cacheFolder(name, version) {
  return join(cacheDir, `${name}@${version}`);
}

/** Removes cached versions of `name` other than `keep`, since Framework picks the highest. */
function pruneOtherVersions(name, keep) {
  const [scope, base] = name.startsWith("@") ? name.split("/") : [null, name];
  const dir = scope ? join(cacheDir, scope) : cacheDir;
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(`${base}@`) && entry !== `${base}@${keep}`) rmSync(join(dir, entry), {recursive: true});
  }
}

function checkDuckdbVersion() {
  const frameworkDuckdb = readFileSync(join(packageDir("@observablehq/framework"), "dist", "duckdb.js"), "utf8");
  const expected = /DUCKDB_WASM_VERSION = "([^"]+)"/.exec(frameworkDuckdb)?.[1];
  const installed = versionOf("@duckdb/duckdb-wasm");
  if (expected !== installed) {
    throw new Error(`@duckdb/duckdb-wasm ${installed} is installed but Framework expects ${expected}; pin it in package.json`);
  }
}

async function bundle({name, entry, external}, versions) {
  const version = versions.get(name);
  const outFile = join(cacheFolder(name, version), "_esm.js");
  // The entry is a re-export so esbuild resolves the package's browser build itself.
  const source = entry ? join(packageDir(name), entry) : name;
  const externalPlugin = {
    name: "seed-externals",
    setup(b) {
      const filter = new RegExp(`^(${external.map((e) => e.replace(/[/@.-]/g, "\\$&")).join("|")})$`);
      if (external.length === 0) return;
      b.onResolve({filter}, (args) => {
        const target = join(cacheFolder(args.path, versions.get(args.path)), "_esm.js");
        return {path: relative(dirname(outFile), target), external: true};
      });
    }
  };
  const result = await build({
    stdin: {contents: `export * from ${JSON.stringify(source)};`, resolveDir: root, loader: "js"},
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    define: {"process.env.NODE_ENV": '"production"'},
    plugins: [externalPlugin],
    logLevel: "error"
  });
  mkdirSync(dirname(outFile), {recursive: true});
  writeFileSync(outFile, result.outputFiles[0].contents);
}

async function main() {
  checkDuckdbVersion();
  const versions = new Map(SEED.map(({name}) => [name, versionOf(name)]));
  for (const [name, version] of versions) pruneOtherVersions(name, version);
  await Promise.all(SEED.map((pkg) => bundle(pkg, versions)));
  const duckdbVersion = versions.get("@duckdb/duckdb-wasm");
  for (const asset of DUCKDB_ASSETS) {
    const target = join(cacheFolder("@duckdb/duckdb-wasm", duckdbVersion), asset);
    mkdirSync(dirname(target), {recursive: true});
    cpSync(join(packageDir("@duckdb/duckdb-wasm"), asset), target);
  }
  for (const name of STUBS) mkdirSync(cacheFolder(name, STUB_VERSION), {recursive: true});
  console.log(`seeded ${SEED.length} packages and ${DUCKDB_ASSETS.length} DuckDB assets into ${relative(root, cacheDir)}`);
}

main().catch((error) => {
  console.error(`seed-npm-cache: ${error.message}`);
  process.exit(1);
});
