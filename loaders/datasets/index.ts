import type {DatasetSpec} from "../schema.js";
import {benchmarks} from "./benchmarks.js";
import {checkDgxcMaxtextH100, checkMaxtextV5p, checkMegatronReadme, checkTorchtitan, checkTpuRecipesV6e} from "./checkSets.js";
import {dataCuration} from "./dataCuration.js";
import {gpus} from "./gpus.js";
import {gpuGemm, gpuHbm, gpuKernelBreakdown, gpuTrainingSteps} from "./gpuCalibration.js";
import {gpuMultiSteps, gpuNccl} from "./gpuMultiCalibration.js";
import {gpuAttention, gpuLayerGemm, gpuOptimizer} from "./gpuKernelCalibration.js";
import {gpuLaunch, gpuStackSteps} from "./gpuStackCalibration.js";
import {memoryTables} from "./memoryTables.js";
import {models} from "./models.js";
import {cloudPrices, egressPrices, storagePrices} from "./prices.js";
import {reliability} from "./reliability.js";
import {runLayouts} from "./runLayouts.js";
import {scalingLaws} from "./scalingLaws.js";
import {systemMfu} from "./systemMfu.js";
import {trainingRuns} from "./trainingRuns.js";

/** Every curated dataset, in dependency order (a dataset's references come before it). */
export const DATASETS: readonly DatasetSpec[] = [
  gpus,
  trainingRuns,
  runLayouts,
  models,
  benchmarks,
  systemMfu,
  checkMegatronReadme,
  checkMaxtextV5p,
  checkDgxcMaxtextH100,
  checkTpuRecipesV6e,
  checkTorchtitan,
  memoryTables,
  reliability,
  cloudPrices,
  storagePrices,
  egressPrices,
  dataCuration,
  scalingLaws,
  gpuGemm,
  gpuHbm,
  gpuTrainingSteps,
  gpuKernelBreakdown,
  gpuMultiSteps,
  gpuNccl,
  gpuStackSteps,
  gpuLaunch,
  gpuAttention,
  gpuLayerGemm,
  gpuOptimizer
];

export function datasetByName(name: string): DatasetSpec {
  const spec = DATASETS.find((d) => d.name === name);
  if (!spec) throw new Error(`unknown dataset "${name}" (known: ${DATASETS.map((d) => d.name).join(", ")})`);
  return spec;
}
