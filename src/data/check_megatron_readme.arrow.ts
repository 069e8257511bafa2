// check_megatron_readme → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("check_megatron_readme");
