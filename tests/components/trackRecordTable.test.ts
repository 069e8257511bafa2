// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {publishedOverheads, trackRecordTable} from "../../src/components/trackRecordTable.js";
import type {TrackRecordRow} from "../../src/components/runTrackRecord.js";

const predicted = {
  id: "palm-540b", model: "PaLM 540B", gpuId: "tpu-v4", reportedGpuHours: 8.4e6, predictedGpuHours: 5.8e6, predictedMfu: 0.496, mfuReported: 0.462, ratio: 1.443,
  layoutSource: "partly published", layout: "tensor 12 × pipeline 1 × data 512, 2 pods, ZeRO-3, micro-batch 2, no recomputation", layoutDegrees: "tensor 12 × pipeline 1 × data 512, 2 pods", layoutMemory: "ZeRO-3, micro-batch 2, no recomputation",
  layoutCitation: "Chowdhery et al. 2022 Sec 4", rampFactor: 0.9998, heldOut: false, knownMiss: null, missing: null,
  goodput: {interruptionFraction: 0.056, interruptionsPerAcceleratorHour: 2.2e-5, interruptionSource: "Llama 3 rate", checkpointFraction: 0, evaluationFraction: 0, effectiveTrainingTime: 0.944},
  repeatedGpuHours: 0, downtimeGpuHours: 0
} as unknown as TrackRecordRow;
const unpredicted = {...predicted, id: "gpt-3-175b", model: "GPT-3 175B", ratio: null, predictedMfu: null, missing: "accelerator"} as TrackRecordRow;

describe("trackRecordTable", () => {
  it("names the overheads a run publishes, each as a share or in GPU-hours, and nothing where it publishes none", () => {
    const bloom = {goodput: {...(predicted.goodput as object), evaluationFraction: 0.0072, checkpointFraction: 0.0038}, repeatedGpuHours: 0, downtimeGpuHours: 13_440} as unknown as TrackRecordRow;
    expect(publishedOverheads(bloom)).toBe("evaluation 0.72%, checkpoint saves 0.38%, downtime 13.4k GPU-h");
    expect(publishedOverheads({...predicted, repeatedGpuHours: 120_000})).toBe("repeated steps 120k GPU-h");
    expect(publishedOverheads(predicted)).toBe("");
  });
  it("writes one row per predicted run, with the layout's source and the effective time's source beside them", () => {
    const table = trackRecordTable([predicted, unpredicted]);
    const rows = Array.from(table.tBodies[0]!.rows, (tr) => Array.from(tr.cells, (td) => td.textContent));
    expect(rows).toEqual([["PaLM 540B", "tensor 12 × pipeline 1 × data 512, 2 pods (partly published)", "ZeRO-3, micro-batch 2, no recomputation", "50%", "1", "94.4% (Llama 3 rate)", "", "1.4×", ""]]);
    expect(Array.from(table.tHead!.rows[0]!.cells, (th) => th.textContent)).toHaveLength(9);
  });
  it("marks held-out runs", () => {
    const table = trackRecordTable([{...predicted, heldOut: true}]);
    expect(table.tBodies[0]!.rows[0]!.cells[8]!.textContent).toBe("held out");
  });
});
