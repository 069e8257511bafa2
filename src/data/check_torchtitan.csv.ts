// check_torchtitan as a CSV download: the curated file itself, after validation. The work happens in loaders/.
import {runCsvLoader} from "../../loaders/compile.js";

runCsvLoader("check_torchtitan");
