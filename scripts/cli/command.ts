// The contract of a CLI subcommand: arguments and stdin in, one JSON-serialisable value out.
// Throw to fail: the dispatcher prints the message on stderr and exits non-zero.
export interface Command {
  /** One line for `engine --help`. */
  summary: string;
  run(args: readonly string[], stdin: () => string): unknown;
}

/** A usage error (bad arguments or input) as opposed to a bug. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Parses stdin as JSON or throws a CliError that says so. */
export function readJson(stdin: () => string): unknown {
  const text = stdin();
  if (text.trim() === "") throw new CliError("expected a JSON spec on stdin, got nothing");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`stdin is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
