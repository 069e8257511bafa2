import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {boxesOverlap, estimateTextSize, placeLabels} from "../../src/components/labelPlacement.js";
import type {LabelRequest} from "../../src/components/labelPlacement.js";

const bounds = {left: 0, top: 0, right: 400, bottom: 300};

describe("placeLabels", () => {
  it("puts a lone label to the right of its dot", () => {
    const {placed, unplaced} = placeLabels([{id: "a", text: "H100", x: 100, y: 100, r: 5, priority: 0}], {bounds});
    expect(unplaced).toEqual([]);
    expect(placed[0]!.box.left).toBeGreaterThan(105);
    expect(placed[0]!.y).toBe(100);
  });

  it("moves a label left when the right would leave the frame", () => {
    const {placed} = placeLabels([{id: "a", text: "H100 SXM5 80GB", x: 395, y: 100, r: 5, priority: 0}], {bounds});
    expect(placed[0]!.box.right).toBeLessThan(390);
  });

  it("drops the lower-priority label of two coincident dots rather than stacking them", () => {
    const dots: LabelRequest[] = Array.from({length: 12}, (_, i) => ({id: String(i), text: `Accelerator ${i}`, x: 200, y: 150, r: 5, priority: i}));
    const {placed, unplaced} = placeLabels(dots, {bounds});
    expect(placed.length + unplaced.length).toBe(12);
    expect(unplaced.length).toBeGreaterThan(0);
    expect(placed.map((p) => p.id)).toContain("0");
  });

  it("moves an earlier label aside when that frees a spot for a later one", () => {
    // One row: A's first choice (right) takes the only spot B could use; A also fits on its left.
    const {placed, unplaced} = placeLabels(
      [{id: "A", text: "a", x: 50, y: 50, r: 5, priority: 0}, {id: "B", text: "b", x: 90, y: 50, r: 5, priority: 1}],
      {bounds: {left: 0, top: 44, right: 110, bottom: 56}, measure: () => ({width: 20, height: 10})}
    );
    expect(unplaced).toEqual([]);
    expect(placed.find((p) => p.id === "A")!.x).toBeLessThan(50);
    expect(placed.find((p) => p.id === "B")!.x).toBeLessThan(90);
  });

  it("never returns two overlapping labels, a label over a dot, or a label outside the frame", () => {
    const dot = fc.record({x: fc.double({min: 0, max: 400, noNaN: true}), y: fc.double({min: 0, max: 300, noNaN: true}), text: fc.string({minLength: 1, maxLength: 20})});
    fc.assert(fc.property(fc.array(dot, {maxLength: 30}), (raw) => {
      const dots = raw.map((d, i) => ({...d, id: String(i), r: 5, priority: i}));
      const {placed, unplaced} = placeLabels(dots, {bounds});
      expect(placed.length + unplaced.length).toBe(dots.length);
      for (const [i, a] of placed.entries()) {
        expect(a.box.left).toBeGreaterThanOrEqual(0);
        expect(a.box.right).toBeLessThanOrEqual(400);
        for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false);
        for (const d of dots) expect(boxesOverlap(a.box, {left: d.x - 5, top: d.y - 5, right: d.x + 5, bottom: d.y + 5})).toBe(false);
      }
    }));
  });
});

describe("estimateTextSize", () => {
  it("grows with the text and the font size", () => {
    expect(estimateTextSize("MI300X").width).toBeGreaterThan(estimateTextSize("v4").width);
    expect(estimateTextSize("MI300X", 22).width).toBeCloseTo(2 * estimateTextSize("MI300X", 11).width);
  });
});
