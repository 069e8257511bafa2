import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {encodeArrowStream, rowsToTable} from "./arrow.js";
import {DATASETS, datasetByName} from "./datasets/index.js";
import {DATA_DIR, keySet, loadDataset} from "./load.js";
import type {KeyIndex} from "./validate.js";
import type {Row} from "./schema.js";

/** The repository root, found from this file's location so loaders work from any cwd. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Loads a dataset after loading the datasets it references (for their keys). Throws a
 * DataError naming file, line and column on the first bad cell.
 */
export function loadWithReferences(name: string, root: string = REPO_ROOT): Row[] {
  const spec = datasetByName(name);
  const keys = new Map<string, Set<string>>();
  for (const ref of spec.references ?? []) {
    if (keys.has(ref.dataset)) continue;
    const target = datasetByName(ref.dataset);
    keys.set(ref.dataset, keySet(target, loadWithReferences(target.name, root)));
  }
  return loadDataset(spec, root, keys as KeyIndex);
}

/** Loads, validates and encodes one dataset as an Arrow IPC stream. */
export function compileDataset(name: string, root: string = REPO_ROOT): Uint8Array {
  const spec = datasetByName(name);
  return encodeArrowStream(rowsToTable(spec, loadWithReferences(name, root)));
}

/**
 * Entry point for `src/data/<name>.arrow.ts`: writes the Arrow stream to stdout, or prints the
 * DataError and exits non-zero so that the Framework build fails loudly.
 */
export function runArrowLoader(name: string): void {
  try {
    process.stdout.write(compileDataset(name));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

export {DATASETS};

/**
 * Entry point for `src/data/<name>.csv.ts`: validates the dataset, then writes the curated CSV
 * exactly as it is in `data/` (the download is the source file, not a re-serialisation).
 */
export function runCsvLoader(name: string): void {
  try {
    loadWithReferences(name);
    process.stdout.write(readFileSync(join(REPO_ROOT, DATA_DIR, `${name}.csv`)));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
