// run_layouts → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("run_layouts");
