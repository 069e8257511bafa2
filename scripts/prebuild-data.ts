// Runs every data loader (src/data/*.arrow.ts, *.csv.ts, *.json.ts) before Framework does and
// stamps each output with a deterministic modification time: the newest modification time among
// the loader, data/ and loaders/. Framework then finds the output fresh and uses it, and the
// `lastModified` it records in pages is the same in every clean build (Framework would otherwise
// record the time the loader happened to run). A loader that fails stops the build with its message.
import {spawn} from "node:child_process";
import {mkdirSync, readdirSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const srcData = join(root, "src", "data");
const cacheData = join(root, "src", ".observablehq", "cache", "data");
const LOADER = /^(.+\.(arrow|csv|json|parquet))\.ts$/;

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtimeMs(join(path, name))));
}

function runLoader(loader: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", loader], {cwd: root, stdio: ["ignore", "pipe", "pipe"]});
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${relative(root, loader)} failed:\n${Buffer.concat(err).toString().trim()}`));
    });
  });
}

const loaders = readdirSync(srcData).filter((name) => LOADER.test(name)).sort();
const inputsMtimeMs = Math.max(newestMtimeMs(join(root, "data")), newestMtimeMs(join(root, "loaders")));
const failures: string[] = [];
// Two at a time: this machine has two cores.
for (let i = 0; i < loaders.length; i += 2) {
  await Promise.all(loaders.slice(i, i + 2).map(async (name) => {
    const loader = join(srcData, name);
    const output = join(cacheData, LOADER.exec(name)![1]!);
    try {
      const bytes = await runLoader(loader);
      mkdirSync(dirname(output), {recursive: true});
      writeFileSync(output, bytes);
      const stamp = new Date(Math.max(inputsMtimeMs, statSync(loader).mtimeMs));
      utimesSync(output, stamp, stamp);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }));
}
if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`prebuilt ${loaders.length} data file(s) into ${relative(root, cacheData)}`);
