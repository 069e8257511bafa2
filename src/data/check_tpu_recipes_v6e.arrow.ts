// check_tpu_recipes_v6e → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("check_tpu_recipes_v6e");
