// RefinedWeb's funnel (Penedo et al. 2023, Fig. 2): the share of CommonCrawl documents each stage
// of the pipeline keeps, read from data/data_curation.csv for /data-curation's first chart. Pure
// and unit-tested (tests/components/curationFunnel.test.ts); the chart is curationFunnelChart.ts.
// The page and its build-time first view (scripts/firstViews/pages/data-curation.ts) both read it here.

/** A row of data/data_curation.csv as its Arrow file gives it (`row.toJSON()`), the columns read here. */
export interface CurationRow {
  corpus: string;
  kind: string;
  item: string;
  value: number;
  approximate: boolean | null;
}

/** One stage: the percent of CommonCrawl documents left after it ("Language identification: …" → "Language identification"). */
export interface FunnelStage {
  stage: string;
  percent: number;
  /** The stage as the source words it; absent for the crawl itself. */
  detail?: string;
  approximate?: boolean | null;
}

/** CommonCrawl (100%, the reference) and then each RefinedWeb stage_retention row, in the file's order. */
export function refinedWebFunnel(rows: readonly CurationRow[]): FunnelStage[] {
  return [
    {stage: "CommonCrawl", percent: 100},
    ...rows.filter((r) => r.corpus === "RefinedWeb" && r.kind === "stage_retention")
      .map((r) => ({stage: r.item.split(":")[0]!, percent: r.value, detail: r.item, approximate: r.approximate}))
  ];
}
