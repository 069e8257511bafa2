// The reliability page's "what other runs reported": one small table per run (what, reported,
// detail, where), under a line naming the run, its scale and period. A single seven-column table
// cut every cell to a few letters on a phone; three wrapping columns stay readable.

export interface ReportedRow {
  run: string;
  scale: string | null;
  period: string | null;
  what: string;
  reported: string | null;
  detail: string | null;
  where: string | null;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Rows grouped by run, scale and period, in first-seen order. */
export function groupReports(rows: readonly ReportedRow[]): {run: string; scale: string | null; period: string | null; rows: ReportedRow[]}[] {
  const groups = new Map<string, {run: string; scale: string | null; period: string | null; rows: ReportedRow[]}>();
  for (const row of rows) {
    const key = JSON.stringify([row.run, row.scale, row.period]);
    const group = groups.get(key) ?? {run: row.run, scale: row.scale, period: row.period, rows: []};
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function reportedRuns(rows: readonly ReportedRow[]): HTMLElement {
  const root = el("div", undefined, "reported-runs");
  for (const group of groupReports(rows)) {
    const heading = el("p", undefined, "reported-run");
    heading.append(el("b", group.run));
    const context = [group.scale, group.period].filter((x): x is string => !!x).join(", ");
    if (context) heading.append(` — ${context}`);
    const table = el("table");
    const head = el("tr");
    for (const name of ["What", "Reported", "Detail"]) head.append(el("th", name));
    table.append(el("thead"), el("tbody"));
    table.tHead!.append(head);
    for (const row of group.rows) {
      const tr = el("tr");
      const detail = el("td", row.detail ?? "");
      if (row.where) detail.append(" ", el("span", `(${row.where})`, "muted"));
      tr.append(el("td", row.what), el("td", row.reported ?? "—"), detail);
      table.tBodies[0]!.append(tr);
    }
    root.append(heading, table);
  }
  return root;
}
