// The contract of a CLI subcommand: arguments and stdin in, one JSON-serialisable value out.
// Throw to fail: the dispatcher prints the message on stderr and exits non-zero.
import {didYouMean} from "../../src/engine/index.js";

export interface Command {
  /** One line for `engine --help`. */
  summary: string;
  /** `engine <command> --help`: usage, the input's fields with their units, an example. */
  help: string;
  /** What the command reads on stdin: a JSON spec, a CSV, or nothing. */
  input: "json" | "csv" | "none";
  /** Options that take a value (`--calibration cal.json` or `--calibration=cal.json`). */
  options?: readonly string[];
  run(args: readonly string[], stdin: () => string): unknown;
}

/** A usage error (bad arguments or input) as opposed to a bug. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** How a command is run from a shell, for messages: `npm run -s engine -- estimate < spec.json`. */
export function invocation(name: string, command: Pick<Command, "input">): string {
  const redirect = command.input === "json" ? " < spec.json" : command.input === "csv" ? " < steps.csv" : "";
  return `npm run -s engine -- ${name}${redirect}`;
}

/**
 * Refuses every argument the command does not take, in one sentence: an unknown option (with the
 * nearest known one), a missing option value, or a file name given where stdin is read.
 */
export function checkArgs(name: string, command: Command, args: readonly string[]): void {
  const options = command.options ?? [];
  const takes = options.length === 0 ? `${name} takes no options` : `${name} takes ${options.map((o) => `${o} <file>`).join(", ")}`;
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const option = options.find((o) => a === o || a.startsWith(`${o}=`));
    if (option !== undefined) {
      if (seen.has(option)) throw new CliError(`${option} is given twice: give it once`);
      seen.add(option);
      if (a === option) {
        const v = args[i + 1];
        if (v === undefined || v.startsWith("--")) throw new CliError(`${option} needs a value: ${name} ${option} <file>`);
        i++;
      } else if (a.length === option.length + 1) {
        throw new CliError(`${option} needs a value: ${name} ${option} <file>`);
      }
      continue;
    }
    if (a.startsWith("-")) {
      const flag = a.split("=")[0] as string;
      throw new CliError(`unknown option ${flag}${didYouMean(flag, options)}: ${takes} (${name} --help says more)`);
    }
    const reads = command.input === "none" ? `${name} reads no input` : `${name} reads its input on stdin`;
    throw new CliError(`unexpected argument "${a}": ${reads}, so run ${invocation(name, command)}${command.input === "none" ? "" : ` (with <, not as an argument)`}`);
  }
}

/** `text` without a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses stdin as JSON or throws a CliError that says so. */
export function readJson(stdin: () => string): unknown {
  // A byte-order mark (written by some Windows editors) is not JSON, but is no reason to refuse.
  const text = stripBom(stdin());
  if (text.trim() === "") throw new CliError("expected a JSON spec on stdin, got nothing");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`stdin is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
