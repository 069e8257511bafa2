// A run's unexpected interruptions by root cause (data/reliability.csv): case 6 of the
// case-studies page, Llama 3 405B's 54-day snapshot (Llama Team 2024, Table 5), drawn by
// llama3InterruptionsChart.ts. No DOM.

/** The columns of data/reliability.csv this reads (rows as the Arrow loader produces them). */
export interface ReliabilityRow {
  run: string;
  category: string;
  component: string;
  count: number | null;
}

export interface InterruptionCause {
  cause: string;
  category: string;
  interruptions: number;
}

/** The run of case 6, as data/reliability.csv names it. */
export const LLAMA3_405B_PRETRAINING = "Llama 3 405B pre-training";

/**
 * The counted causes of `run`'s interruptions: the summary rows (totals) and the environment rows
 * (not root causes of a job's interruption by component) are left out, as are rows with no count.
 */
export function interruptionCauses(rows: readonly ReliabilityRow[], run: string): InterruptionCause[] {
  return rows
    .filter((r) => r.run === run && r.count !== null && r.category !== "summary" && r.category !== "environment")
    .map((r) => ({cause: r.component, category: r.category, interruptions: r.count as number}));
}
