// What interrupted Llama 3 405B's pre-training, by root cause (Llama Team 2024, "The Llama 3 Herd
// of Models", Sec. 3.3.4, Table 5), read from data/reliability.csv for /reliability's first chart.
// Pure and unit-tested (tests/components/interruptionCauses.test.ts); the chart is
// interruptionCausesChart.ts. The page and its build-time first view
// (scripts/firstViews/pages/reliability.ts) both read the causes here.

/** The run of Table 5 as data/reliability.csv names it. */
export const LLAMA3_RUN = "Llama 3 405B pre-training";

/** A row of data/reliability.csv as its Arrow file gives it (`row.toJSON()`), the columns read here. */
export interface ReliabilityRow {
  run: string;
  /** A root cause's category ("GPU", "Software" …); "summary" and "environment" rows are not causes. */
  category: string | null;
  component: string;
  count: number | null;
  pct: number | null;
}

/** One root cause: its interruptions in the 54-day snapshot and their share as printed. */
export interface InterruptionCause {
  component: string;
  category: string;
  count: number;
  pct: number | null;
}

/** Table 5's root causes, most interruptions first (ties keep the file's order). */
export function llamaInterruptionCauses(rows: readonly ReliabilityRow[]): InterruptionCause[] {
  return rows
    .filter((r): r is ReliabilityRow & {category: string; count: number} =>
      r.run === LLAMA3_RUN && r.category !== null && !["summary", "environment"].includes(r.category) && r.count !== null)
    .map(({component, category, count, pct}) => ({component, category, count, pct}))
    .sort((a, b) => b.count - a.count);
}
