// check_tpu_recipes_v6e as a CSV download: the curated file itself, after validation. The work happens in loaders/.
import {runCsvLoader} from "../../loaders/compile.js";

runCsvLoader("check_tpu_recipes_v6e");
