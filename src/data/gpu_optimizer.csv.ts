// gpu_optimizer as a CSV download: the measured file itself, after validation. The work happens in loaders/.
import {runCsvLoader} from "../../loaders/compile.js";

runCsvLoader("gpu_optimizer");
