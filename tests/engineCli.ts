// Runs the engine CLI (scripts/engine-cli.ts) the way a reader does, as a child process. Async on
// purpose: a synchronous spawn blocks the test worker's event loop for the whole run, and a file of
// such runs on a loaded machine can starve vitest's worker RPC past its fixed 60 s timeout
// ("Timeout calling onTaskUpdate", vitest-dev/vitest#8164) even though every test passes.
import {spawn} from "node:child_process";
import {join} from "node:path";

const ROOT = join(import.meta.dirname, "..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runEngineCli(args: string[], input: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "scripts/engine-cli.ts", ...args], {cwd: ROOT});
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stdout, stderr}));
    child.stdin.end(input);
  });
}
