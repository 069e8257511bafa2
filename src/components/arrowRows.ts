// Arrow tables → plain row objects for Inputs.table, charts and downloads. Arrow JS returns
// DATE and TIMESTAMP cells as epoch milliseconds; readers should see dates, so those columns
// become Date objects.

interface ArrowLikeTable extends Iterable<{toJSON(): Record<string, unknown>}> {
  schema: {fields: readonly {name: string; type: unknown}[]};
}

/** Column names whose Arrow type is a date or a timestamp. */
export function dateColumns(table: ArrowLikeTable): string[] {
  return table.schema.fields.filter((f) => /^(Date|Timestamp)/.test(String(f.type))).map((f) => f.name);
}

export function rowsWithDates(table: ArrowLikeTable): Record<string, unknown>[] {
  const dates = dateColumns(table);
  return Array.from(table, (row) => {
    const o = row.toJSON();
    for (const k of dates) {
      const v = o[k];
      if (typeof v === "number" || typeof v === "bigint") o[k] = new Date(Number(v));
    }
    return o;
  });
}
