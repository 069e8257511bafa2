// check_maxtext_v5p → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("check_maxtext_v5p");
