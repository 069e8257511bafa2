// check_dgxc_maxtext_h100 → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("check_dgxc_maxtext_h100");
