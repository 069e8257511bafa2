// The data dictionary behind the Data page: every dataset's columns, units, row counts and
// sources, generated from the DatasetSpecs in loaders/datasets/ and the validated rows.
import {buildCatalog} from "../../loaders/catalog.js";

try {
  process.stdout.write(JSON.stringify(buildCatalog()));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
