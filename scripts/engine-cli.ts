// The engine's command line: `npm run -s engine -- <command> [args] < input.json`.
// Prints exactly one JSON object on stdout on success; on failure prints the message on stderr,
// nothing on stdout, and exits with status 1 (bad input) or 2 (unknown command / bug).
import {readFileSync} from "node:fs";
import {COMMANDS} from "./cli/commands.js";
import {CliError} from "./cli/command.js";
import {EstimateError, SpecError} from "../src/engine/index.js";

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: npm run -s engine -- <command>\n\ncommands:\n${lines.join("\n")}\n`;
}

function main(argv: readonly string[]): number {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    process.stderr.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const result = command.run(args, () => readFileSync(0, "utf8"));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const known = error instanceof CliError || error instanceof SpecError || error instanceof EstimateError || error instanceof RangeError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`engine ${name}: ${message}\n`);
    return known ? 1 : 2;
  }
}

process.exitCode = main(process.argv.slice(2));
