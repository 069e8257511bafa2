// gpu_layer_gemm → Arrow IPC stream. The work happens in loaders/.
import {runArrowLoader} from "../../loaders/compile.js";

runArrowLoader("gpu_layer_gemm");
