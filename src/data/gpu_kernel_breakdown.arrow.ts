// gpu_kernel_breakdown → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("gpu_kernel_breakdown");
