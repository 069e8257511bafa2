// A corrupted data file must fail the build with `data/<file>.csv:line:column: what was expected`.
// Each case copies the repository's data/, loaders/, src/ and the prebuild script to a temporary
// directory, corrupts one cell of one CSV there, runs the real loader entry point (and, once, the
// whole prebuild step that `npm run build` runs first) and checks the exit status and stderr.
// Every dataset registered in loaders/datasets/index.ts is covered: gpus with every kind of
// corruption, each other dataset with one kind in rotation (so every kind, including unknown
// references, meets several datasets). CORRUPT_ALL=1 runs every kind on every dataset.
import {spawn} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {parseCsv} from "../../loaders/csv.js";
import type {CsvRecord} from "../../loaders/csv.js";
import {DATASETS} from "../../loaders/datasets/index.js";
import type {DatasetSpec} from "../../loaders/schema.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
}, 60_000);

/**
 * A throwaway copy of everything a data loader needs, with node_modules linked in. Only `loader`
 * is kept in src/data/, so the prebuild step runs that one loader.
 */
function copyRepo(loader: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-corrupt-"));
  temps.push(dir);
  for (const path of ["data", "loaders", "package.json", "tsconfig.json"]) cpSync(join(ROOT, path), join(dir, path), {recursive: true});
  const keep = join(ROOT, loader);
  const srcData = join(ROOT, "src", "data");
  cpSync(join(ROOT, "src"), join(dir, "src"), {recursive: true, filter: (source) => !source.includes(".observablehq") && (!source.startsWith(srcData + "/") || source === keep)});
  cpSync(join(ROOT, "scripts", "prebuild-data.ts"), join(dir, "scripts", "prebuild-data.ts"));
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(dir, "node_modules"));
  return dir;
}

/**
 * The loader entry point in src/data/ that compiles `dataset`, or null when none does: the one
 * named after it (`<dataset>.arrow.ts`) first, since other loaders may read it too
 * (calibration-example.csv.ts reads gpus and gpu_training_steps).
 */
function loaderFor(dataset: string): string | null {
  const dir = join(ROOT, "src", "data");
  const names = readdirSync(dir).sort();
  const own = names.find((name) => name === `${dataset}.arrow.ts`) ?? names.find((name) => name.startsWith(`${dataset}.`) && name.endsWith(".ts"));
  if (own !== undefined && new RegExp(`\\(\\s*["']${dataset}["']`).test(readFileSync(join(dir, own), "utf8"))) return `src/data/${own}`;
  for (const name of names) {
    if (!name.endsWith(".ts")) continue;
    const text = readFileSync(join(dir, name), "utf8");
    if (new RegExp(`\\(\\s*["']${dataset}["']`).test(text)) return `src/data/${name}`;
  }
  return null;
}

/** Runs a TypeScript script with tsx; asynchronous so the test worker stays responsive. */
function run(dir: string, script: string): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {cwd: dir, stdio: ["ignore", "ignore", "pipe"]});
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({status, stderr});
    });
  });
}

/** Character offset of a 1-based (line, column) position. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

/** The raw extent [start, end) of the cell that starts at (line, column), quotes included. */
function cellExtent(text: string, line: number, column: number): [number, number] {
  const start = offsetOf(text, line, column);
  let end = start;
  if (text[start] === '"') {
    end++;
    for (;;) {
      if (text[end] === '"' && text[end + 1] === '"') end += 2;
      else if (text[end] === '"') return [start, end + 1];
      else end++;
    }
  }
  while (end < text.length && text[end] !== "," && text[end] !== "\n" && text[end] !== "\r") end++;
  return [start, end];
}

function replaceCell(text: string, line: number, column: number, replacement: string): string {
  const [start, end] = cellExtent(text, line, column);
  return text.slice(0, start) + replacement + text.slice(end);
}

interface Corruption {
  what: string;
  csv: string;
  /** The exact position prefix the build must print. */
  position: string;
  message: RegExp;
}

function corruptions(spec: DatasetSpec, text: string): Corruption[] {
  const file = `data/${spec.name}.csv`;
  const table = parseCsv(text, file);
  const first = table.records[0];
  if (!first) return [];
  const out: Corruption[] = [];
  const at = (line: number, column: number) => `${file}:${line}:${column}:`;

  const numeric = spec.columns.find((c) => (c.kind === "float" || c.kind === "int") && first.cells.get(c.name)!.value.trim() !== "");
  if (numeric) {
    const cell = first.cells.get(numeric.name)!;
    out.push({
      what: `bad number "12x" in ${numeric.name}`,
      csv: replaceCell(text, cell.line, cell.column, "12x"),
      position: at(cell.line, cell.column),
      message: new RegExp(`column "${numeric.name}": expected a (whole )?number`)
    });
  }

  const sourceColumn = spec.sourceColumns[0];
  if (sourceColumn) {
    const cell = first.cells.get(sourceColumn)!;
    out.push({
      what: `missing source (${sourceColumn} blank)`,
      csv: replaceCell(text, cell.line, cell.column, ""),
      position: at(cell.line, cell.column),
      message: new RegExp(`column "${sourceColumn}": expected a source`)
    });
  }

  // Duplicate key: append a copy of the first record's text as the last record.
  const second = table.records[1];
  const recordStart = offsetOf(text, first.line, 1);
  const recordEnd = second ? offsetOf(text, second.line, 1) : text.length;
  const body = text.endsWith("\n") ? text : `${text}\n`;
  const copy = text.slice(recordStart, recordEnd).replace(/\r?\n?$/, "\n");
  const copyLine = body.split("\n").length; // the line the copy starts on
  const keyCell = first.cells.get(spec.key[0]!)!;
  out.push({
    what: `duplicate key (${spec.key.join(", ")})`,
    csv: body + copy,
    position: at(copyLine + (keyCell.line - first.line), keyCell.column),
    message: /a unique key .*found a duplicate of line/
  });

  for (const ref of spec.references ?? []) {
    const record: CsvRecord | undefined = table.records.find((r) => r.cells.get(ref.column)!.value.trim() !== "");
    if (!record) continue;
    const cell = record.cells.get(ref.column)!;
    out.push({
      what: `unknown ${ref.dataset} reference in ${ref.column}`,
      csv: replaceCell(text, cell.line, cell.column, "no-such-id-zz"),
      position: at(cell.line, cell.column),
      message: new RegExp(`column "${ref.column}": expected a known ${ref.dataset} id, found unknown "no-such-id-zz"`)
    });
  }
  return out;
}

const built = DATASETS.filter((spec) => existsSync(join(ROOT, "data", `${spec.name}.csv`)) && loaderFor(spec.name) !== null);
const ALL = process.env.CORRUPT_ALL === "1";

/** Which corruptions to run for the i-th dataset: all for gpus (or with CORRUPT_ALL), else one in rotation. */
function chosen(spec: DatasetSpec, index: number, all: Corruption[]): Corruption[] {
  if (ALL || spec.name === "gpus" || all.length === 0) return all;
  // Datasets with references show that kind first: it is the one only they can exercise.
  const withRef = all.filter((c) => c.what.startsWith("unknown "));
  if (withRef.length > 0 && index % 2 === 0) return [withRef[0]!];
  return [all[index % all.length]!];
}

describe("corrupted data files fail the build with file:line:column", () => {
  it("covers at least one built dataset, and unknown references somewhere", () => {
    expect(built.length).toBeGreaterThan(0);
    expect(built.some((spec) => (spec.references ?? []).length > 0) || built.length === 1).toBe(true);
  });

  built.forEach((spec, index) => {
    const loader = loaderFor(spec.name)!;
    const text = readFileSync(join(ROOT, "data", `${spec.name}.csv`), "utf8");
    for (const c of chosen(spec, index, corruptions(spec, text))) {
      it(`${spec.name}: ${c.what} → ${loader} exits non-zero with ${c.position}`, async () => {
        const dir = copyRepo(loader);
        writeFileSync(join(dir, "data", `${spec.name}.csv`), c.csv);
        const {status, stderr} = await run(dir, loader);
        expect(status).not.toBe(0);
        expect(stderr).toContain(c.position);
        expect(stderr).toMatch(c.message);
      }, 120_000);
    }
  });

  it("the prebuild step `npm run build` runs first stops the build and names the cell", async () => {
    const spec = built.find((s) => s.name === "gpus") ?? built[0]!;
    const loader = loaderFor(spec.name)!;
    const text = readFileSync(join(ROOT, "data", `${spec.name}.csv`), "utf8");
    const c = corruptions(spec, text)[0]!;
    const dir = copyRepo(loader);
    writeFileSync(join(dir, "data", `${spec.name}.csv`), c.csv);
    const {status, stderr} = await run(dir, "scripts/prebuild-data.ts");
    expect(status).not.toBe(0);
    expect(stderr).toContain(`${loader} failed:`);
    expect(stderr).toContain(c.position);
  }, 120_000);

  it("an uncorrupted copy builds (the failures above come from the corruption)", async () => {
    const spec = built[0]!;
    const loader = loaderFor(spec.name)!;
    const dir = copyRepo(loader);
    const {status, stderr} = await run(dir, loader);
    expect(stderr).toBe("");
    expect(status).toBe(0);
  }, 120_000);
});
