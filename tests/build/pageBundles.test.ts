// Each page with an entry in src/components/pages/ loads its modules as one bundle
// (scripts/bundlePages.ts, issue 14): the page imports exactly what its entry exports, imports no
// local module beside the bundle (which would load a second copy of the modules the bundle holds,
// and their requests again), and the bundle holds every local module — only Framework's `npm:`
// imports stay outside it.
import {readFileSync, existsSync} from "node:fs";
import {basename, join} from "node:path";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {describe, expect, it} from "vitest";
import {bundleOptions, pageEntries} from "../../scripts/bundlePages.js";
import {PAGE_PRELOADS, preloadLinks} from "../../scripts/preloadHead.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Names bound by `import {a, b as c} from "<from>"` (or exported by `export {…} from`): a, c. */
function boundNames(list: string): string[] {
  return list.split(",").map((s) => s.trim()).filter(Boolean).map((s) => (s.includes(" as ") ? s.split(" as ")[1]!.trim() : s));
}

/** Names a module's `export {…} from` lines export (an entry has nothing else). */
function entryExports(source: string): string[] {
  return [...source.matchAll(/^export\s*\{([^}]*)\}\s*from\s*"[^"]+";/gm)].flatMap((m) => boundNames(m[1]!));
}

/** Static imports of a page's js blocks: [names, specifier]. */
function pageImports(markdown: string): {names: string[]; from: string}[] {
  return [...markdown.matchAll(/^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";/gm)].map((m) => ({names: boundNames(m[1]!), from: m[2]!}));
}

describe("page bundles", () => {
  const entries = pageEntries();

  it("finds the entries, and the helpers read imports and exports as written", () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entryExports(`export {a, b as c} from "../x.js";\nexport {\n  d\n} from "../../engine/y.js";\nconst e = 1;`)).toEqual(["a", "c", "d"]);
    expect(pageImports(`import {a, b as c} from "./components/bundled/p.js";\nimport {d} from "npm:d3";`)).toEqual([
      {names: ["a", "c"], from: "./components/bundled/p.js"},
      {names: ["d"], from: "npm:d3"}
    ]);
  });

  for (const entry of entries) {
    const page = basename(entry, ".ts");
    it(`src/${page}.md imports exactly what src/components/pages/${page}.ts exports, and no other local module`, () => {
      const mdPath = join(ROOT, "src", `${page}.md`);
      expect(existsSync(mdPath), `an entry without a page: src/${page}.md`).toBe(true);
      const imports = pageImports(readFileSync(mdPath, "utf8"));
      const bundle = `./components/bundled/${page}.js`;
      const local = imports.filter((i) => i.from.startsWith(".") && i.from !== bundle).map((i) => i.from);
      expect(local, "import these through the page's entry instead").toEqual([]);
      const imported = imports.filter((i) => i.from === bundle).flatMap((i) => i.names).sort();
      expect(imported.length).toBeGreaterThan(0);
      expect(imported).toEqual(entryExports(readFileSync(entry, "utf8")).sort());
    });
  }

  it("each bundle holds every local module: only npm: imports are left to Framework", async () => {
    const result = await build({...bundleOptions(entries), write: false});
    expect(result.errors).toEqual([]);
    expect(result.outputFiles.length).toBe(entries.length);
    for (const file of result.outputFiles) {
      const specifiers = [...file.text.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]!);
      expect(specifiers.filter((s) => !s.startsWith("npm:")), basename(file.path)).toEqual([]);
    }
  }, 60_000);
});

describe("data preloads (scripts/preloadHead.ts)", () => {
  for (const [path, files] of Object.entries(PAGE_PRELOADS)) {
    it(`${path} still asks for every file it preloads, at the top level of a cell`, () => {
      const mdPath = join(ROOT, "src", `${path.slice(1)}.md`);
      expect(existsSync(mdPath), `no page for ${path}`).toBe(true);
      const markdown = readFileSync(mdPath, "utf8");
      for (const file of files) {
        expect(markdown, `${path} preloads ${file} but never asks for it: the browser would fetch it for nothing`).toContain(`FileAttachment("${file}")`);
        expect(existsSync(join(ROOT, "src", `${file}.ts`)) || existsSync(join(ROOT, "src", file)), `${file} has no loader or file under src/`).toBe(true);
      }
      expect(preloadLinks(path).match(/<link rel="preload" as="fetch" crossorigin href="\.\/data\/[^"]+">/g)).toHaveLength(files.length);
    });
  }

  it("a page without a list gets no link, and a path that is not a data file is refused", () => {
    expect(preloadLinks("/glossary")).toBe("");
    expect(preloadLinks("/x", {"/x": ["data/a.arrow"]})).toBe(`<link rel="preload" as="fetch" crossorigin href="./data/a.arrow">`);
    for (const bad of ["../secret.txt", "data/../x.arrow", "data/a.arrow?x=1", "/data/a.arrow", "data/a.js"]) {
      expect(() => preloadLinks("/x", {"/x": [bad]})).toThrow(/not a data file path/);
    }
  });
});
