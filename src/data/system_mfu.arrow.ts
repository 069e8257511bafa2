// system_mfu → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("system_mfu");
