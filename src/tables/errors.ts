/** Where a problem in a source file is: 1-based line and column, as editors count them. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * A problem with curated data. Its message starts with `file:line:column` so that a failed build
 * points the reader at the exact cell to fix.
 */
export class DataError extends Error {
  readonly position: SourcePosition;
  readonly expected: string;

  constructor(position: SourcePosition, expected: string) {
    super(`${position.file}:${position.line}:${position.column}: ${expected}`);
    this.name = "DataError";
    this.position = position;
    this.expected = expected;
  }
}
