// The engine's command line: `npm run -s engine -- <command> [args] < input.json`.
// Prints exactly one JSON object on stdout on success; on failure prints one sentence on stderr,
// nothing on stdout, and exits with status 1 (bad input or arguments) or 2 (unknown command / bug).
// `--help` after the command (or alone) prints help on stdout and exits 0.
import {readFileSync} from "node:fs";
import {pathToFileURL} from "node:url";
import {COMMANDS} from "./cli/commands.js";
import {CliError, checkArgs, invocation} from "./cli/command.js";
import type {Command} from "./cli/command.js";
import {nonFiniteNumber, overflowMessage} from "./cli/overflow.js";
import {EstimateError, SpecError, didYouMean} from "../src/engine/index.js";

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(15)}${c.summary}`);
  return [
    "usage: npm run -s engine -- <command> [options] [< input]",
    "",
    "commands:",
    ...lines,
    "",
    "Each prints one JSON object on stdout; on bad input, one sentence on stderr and exit status 1.",
    "npm run -s engine -- <command> --help   the command's input fields (SI units) and an example",
    ""
  ].join("\n");
}

const HELP = new Set(["--help", "-h", "help"]);

/** Where the CLI reads and writes: the process's streams, or a test's strings. */
export interface CliIo {
  /** Reads all of stdin; null when stdin is a terminal (nothing piped in). */
  readStdin(): string | null;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Reads stdin once; refuses a terminal (nothing piped in) instead of waiting on it. */
function stdinReader(name: string, command: Command, io: CliIo): () => string {
  let text: string | undefined;
  return () => {
    if (text !== undefined) return text;
    const read = io.readStdin();
    if (read === null) throw new CliError(`${name} reads its input on stdin and nothing was piped in: run ${invocation(name, command)}`);
    text = read;
    return text;
  };
}

/** Runs one command line; returns the exit status. */
export function main(argv: readonly string[], io: CliIo): number {
  const [name, ...args] = argv;
  // `engine help estimate` is `engine estimate --help`.
  if (name === "help" && args[0] !== undefined && COMMANDS[args[0]]) {
    io.stdout(`${COMMANDS[args[0]]!.help.trim()}\n`);
    return 0;
  }
  if (name === undefined || HELP.has(name)) {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}\n${usage()}`);
    return 2;
  }
  if (args.some((a) => HELP.has(a))) {
    io.stdout(`${command.help.trim()}\n`);
    return 0;
  }
  const stdin = stdinReader(name, command, io);
  try {
    checkArgs(name, command, args);
    const result = command.run(args, stdin);
    // JSON has no Infinity or NaN (JSON.stringify writes null): a number that overflowed is an
    // input too large to compute with, said so, never a silent null.
    const bad = nonFiniteNumber(result);
    if (bad) throw new CliError(overflowMessage(bad.path, bad.value, command.input === "json" ? stdin() : ""));
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const overflow = error instanceof RangeError ? /^(\w+) must be a finite number ≥ 0, got (-?Infinity|NaN)$/.exec(message) : null;
    if (overflow) {
      io.stderr(`engine ${name}: ${overflowMessage(overflow[1]!, Number(overflow[2]), command.input === "json" ? stdin() : "")}\n`);
      return 1;
    }
    const known = error instanceof CliError || error instanceof SpecError || error instanceof EstimateError || error instanceof RangeError;
    io.stderr(`engine ${name}: ${message}\n`);
    return known ? 1 : 2;
  }
}

// Run only as the entry point (tests import main).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2), {
    readStdin: () => (process.stdin.isTTY ? null : readFileSync(0, "utf8")),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  });
}
