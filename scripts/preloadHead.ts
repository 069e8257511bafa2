// Preload links for the data files a page's first chart needs (issue 14: first chart < 1 s).
// A page's cells ask for their FileAttachments only once the runtime has started, after every
// module has loaded and run: on / the four data files were requested at 0.74 s, 0.2 s after the
// last module had arrived (bench/loadTrace.ts, load 13). observablehq.config.ts's `head` turns a
// page's list below into `<link rel="preload" as="fetch" crossorigin>`, which Framework rewrites to
// the files' hashed /_file/ paths like any other link in the head; the browser fetches them beside
// the modules and FileAttachment's fetch takes the preloaded response (`crossorigin`: a fetch()
// preload is a CORS request with same-origin credentials, as fetch() itself makes).
// Framework 1.13.4 keeps only its own front-matter keys, so the lists live here, by page path.
// Only files the page fetches itself at load (DuckDB's worker fetches its tables on its own);
// tests/build/pageBundles.test.ts checks that each page still asks for every file listed.

export const PAGE_PRELOADS: Readonly<Record<string, readonly string[]>> = {
  "/index": ["data/models.arrow", "data/gpus.arrow", "data/training_runs.arrow", "data/run_track_record.json"],
  "/memory": ["data/models.arrow", "data/gpus.arrow"],
  "/hardware": ["data/gpus.arrow"],
  "/prices": ["data/cloud_prices.arrow", "data/gpus.arrow"],
  "/levers": ["data/models.arrow", "data/gpus.arrow"],
  "/reliability": ["data/reliability.arrow"],
  "/data-curation": ["data/data_curation.arrow"],
  "/case-studies": ["data/models.arrow", "data/gpus.arrow", "data/training_runs.arrow", "data/reliability.arrow"],
  "/capability": ["data/benchmarks.arrow", "data/models.arrow", "data/training_runs.arrow", "data/run_track_record.json", "data/run_estimates.json"],
  "/calibration": ["data/gpu_training_steps.arrow", "data/gpu_gemm.arrow", "data/gpu_hbm.arrow", "data/gpu_kernel_breakdown.arrow", "data/gpus.arrow"],
  "/methodology": ["data/models.arrow", "data/gpus.arrow", "data/training_runs.arrow", "data/system_mfu.arrow"]
};

/** `data/x.arrow` and the like: a relative path under data/, no query, no parent step. */
const DATA_PATH = /^data\/[\w.-]+\.(arrow|json|csv|parquet)$/;

/** The preload links for the page at `path` (Framework's page path: "/index", "/memory"). */
export function preloadLinks(path: string, table: Readonly<Record<string, readonly string[]>> = PAGE_PRELOADS): string {
  const files = table[path] ?? [];
  return files.map((file) => {
    if (!DATA_PATH.test(file)) throw new Error(`PAGE_PRELOADS["${path}"]: ${JSON.stringify(file)} is not a data file path such as data/models.arrow`);
    return `<link rel="preload" as="fetch" crossorigin href="./${file}">`;
  }).join("");
}
