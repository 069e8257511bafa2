import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {coerce, parseParams, quote, serializeParams, snapNumber} from "../../src/components/urlParams.js";
import type {ParamSpecs} from "../../src/components/urlParams.js";

const specs = {
  gpus: {kind: "number", min: 1, max: 32768, step: 1, default: 1024},
  mfu: {kind: "number", min: 0.05, max: 0.7, step: 0.01, default: 0.4},
  params: {kind: "number", min: 0.1, max: 2000, default: 70},
  precision: {kind: "enum", values: ["bf16", "fp8", "fp32"], default: "bf16"},
  gpu: {kind: "id", ids: ["a100-sxm4-80gb", "h100-sxm5-80gb"], default: "h100-sxm5-80gb"},
  spot: {kind: "boolean", default: false},
  q: {kind: "text", maxLength: 200, default: "SELECT 1"}
} as const satisfies ParamSpecs;

const HOSTILE = [
  "<script>alert(1)</script>", "javascript:alert(1)", "\"><img src=x onerror=alert(1)>", "%00", "\u0000",
  "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "", " ", "0x10", "1,000", "1_000", "--5", "1e", ".", "+", "💥",
  "9".repeat(400), "__proto__", "constructor", "toString"
];

function inRange(values: ReturnType<typeof parseParams<typeof specs>>["values"]): void {
  for (const key of ["gpus", "mfu", "params"] as const) {
    const v = values[key];
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(specs[key].min);
    expect(v).toBeLessThanOrEqual(specs[key].max);
  }
  expect(Number.isInteger(values.gpus)).toBe(true);
  expect(specs.precision.values).toContain(values.precision);
  expect(specs.gpu.ids).toContain(values.gpu);
  expect(typeof values.spot).toBe("boolean");
  expect(typeof values.q).toBe("string");
  expect(values.q.length).toBeLessThanOrEqual(200);
}

describe("parseParams", () => {
  it("gives the defaults and no messages for an empty address", () => {
    expect(parseParams(specs, "")).toEqual({
      values: {gpus: 1024, mfu: 0.4, params: 70, precision: "bf16", gpu: "h100-sxm5-80gb", spot: false, q: "SELECT 1"},
      messages: []
    });
    expect(parseParams(specs, "?").messages).toEqual([]);
  });

  it("reads good values of every kind, with or without the leading ?", () => {
    const {values, messages} = parseParams(specs, "?gpus=2048&mfu=0.35&params=405&precision=fp8&gpu=a100-sxm4-80gb&spot=true&q=SELECT%202");
    expect(values).toEqual({gpus: 2048, mfu: 0.35, params: 405, precision: "fp8", gpu: "a100-sxm4-80gb", spot: true, q: "SELECT 2"});
    expect(messages).toEqual([]);
    expect(parseParams(specs, "gpus=8").values.gpus).toBe(8);
  });

  it("clamps huge and negative numbers and says so", () => {
    const {values, messages} = parseParams(specs, "?gpus=1e12&mfu=-3");
    expect(values.gpus).toBe(32768);
    expect(values.mfu).toBe(0.05);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("out of range, so it was set to 32,768");
  });

  it("clamps 1e999 (Infinity after parsing) to the maximum", () => {
    expect(parseParams(specs, "?gpus=1e999").values.gpus).toBe(32768);
    expect(parseParams(specs, "?gpus=-1e999").values.gpus).toBe(1);
  });

  it("refuses NaN, Infinity, empty, hex and script payloads, falling back to the default", () => {
    for (const bad of ["NaN", "Infinity", "", "0x10", "<script>alert(1)</script>", "javascript:alert(1)", "\"><img src=x onerror=alert(1)>"]) {
      const {values, messages} = parseParams(specs, `?gpus=${encodeURIComponent(bad)}`);
      expect(values.gpus).toBe(1024);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/must be a number from 1 to 32,768/);
    }
  });

  it("snaps to the step grid without float noise", () => {
    expect(parseParams(specs, "?mfu=0.333333").values.mfu).toBe(0.33);
    expect(parseParams(specs, "?gpus=7.6").values.gpus).toBe(8);
    expect(snapNumber(specs.mfu, 0.7)).toBe(0.7);
  });

  it("refuses unknown enum values and ids but forgives case", () => {
    expect(parseParams(specs, "?precision=FP8").values.precision).toBe("fp8");
    const r = parseParams(specs, "?precision=int3&gpu=%3Cscript%3E");
    expect(r.values.precision).toBe("bf16");
    expect(r.values.gpu).toBe("h100-sxm5-80gb");
    expect(r.messages).toHaveLength(2);
    expect(r.messages[1]).toContain("“<script>” is not");
  });

  it("reads booleans as words", () => {
    expect(parseParams(specs, "?spot=yes").values.spot).toBe(true);
    expect(parseParams(specs, "?spot=0").values.spot).toBe(false);
    expect(parseParams(specs, "?spot=maybe").messages[0]).toContain("must be true or false");
  });

  it("refuses text over its length limit", () => {
    const r = parseParams(specs, `?q=${"x".repeat(201)}`);
    expect(r.values.q).toBe("SELECT 1");
    expect(r.messages[0]).toContain("201 characters long; the limit is 200");
  });

  it("uses the first of repeated keys and reports the repetition", () => {
    const r = parseParams(specs, "?gpus=8&gpus=16&gpus=32");
    expect(r.values.gpus).toBe(8);
    expect(r.messages).toEqual(["“gpus” appeared 3 times; only the first was used."]);
  });

  it("ignores unknown keys, naming at most three", () => {
    expect(parseParams(specs, "?utm=1").messages).toEqual(["This page has no setting called “utm”; it was ignored."]);
    const many = parseParams(specs, "?a=1&b=2&c=3&d=4&e=5&__proto__=1&constructor=2");
    expect(many.messages).toEqual(["This page has no setting called “a”, “b”, “c” and 4 more; they were ignored."]);
    expect(Object.getPrototypeOf(many.values)).toBe(Object.prototype);
  });

  it("does not report keys another component owns", () => {
    expect(parseParams(specs, "?sql=select", {ignore: ["sql"]}).messages).toEqual([]);
  });

  it("quotes user text cut to 40 characters with control characters removed", () => {
    expect(quote("a\nb")).toBe("“a b”");
    expect(quote("x".repeat(100))).toBe(`“${"x".repeat(40)}…”`);
  });

  it("property: any string for any parameter yields a value of the declared type within range", () => {
    fc.assert(fc.property(
      fc.constantFrom(...Object.keys(specs)),
      fc.oneof(fc.string(), fc.string({unit: "binary"}), fc.double().map(String), fc.constantFrom(...HOSTILE)),
      (key, raw) => {
        const search = new URLSearchParams([[key, raw]]).toString();
        const {values, messages} = parseParams(specs, search);
        inRange(values);
        for (const m of messages) expect(m.length).toBeLessThan(400);
      }
    ), {numRuns: 2000});
  }, 30_000);

  it("property: any raw query string parses without throwing into valid values", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.webQueryParameters(), fc.array(fc.constantFrom(...HOSTILE, "gpus=", "&", "=", "q=")).map((a) => a.join("&"))), (search) => {
      inRange(parseParams(specs, search).values);
    }), {numRuns: 1000});
  }, 30_000);

  it("property: serialize then parse round-trips every valid value", () => {
    const valid = fc.record({
      gpus: fc.integer({min: 1, max: 32768}),
      mfu: fc.integer({min: 5, max: 70}).map((p) => p / 100),
      params: fc.double({min: 0.1, max: 2000, noNaN: true}),
      precision: fc.constantFrom(...specs.precision.values),
      gpu: fc.constantFrom(...specs.gpu.ids),
      spot: fc.boolean(),
      q: fc.string({maxLength: 200})
    });
    fc.assert(fc.property(valid, (values) => {
      const search = serializeParams(specs, values);
      // Numbers are written to 12 significant figures (formatValue drops float noise).
      const written = {...values, params: Number(values.params.toPrecision(12))};
      expect(parseParams(specs, search)).toEqual({values: written, messages: []});
    }), {numRuns: 1000});
  }, 30_000);
});

describe("serializeParams", () => {
  it("writes a withOthers parameter at its default only while another parameter is written", () => {
    const layout = {gpus: {kind: "number", min: 1, max: 4096, default: 1024}, pp: {kind: "number", min: 1, max: 128, default: 1, withOthers: true}, tp: {kind: "enum", values: ["1", "8"], default: "8", withOthers: true}} as const;
    expect(serializeParams(layout, {gpus: 1024, pp: 1, tp: "8"})).toBe("");
    expect(serializeParams(layout, {gpus: 512, pp: 1, tp: "8"})).toBe("?gpus=512&pp=1&tp=8");
    expect(serializeParams(layout, {gpus: 1024, pp: 4, tp: "8"})).toBe("?pp=4");
    expect(parseParams(layout, "?gpus=512&pp=1&tp=8").values).toEqual({gpus: 512, pp: 1, tp: "8"});
  });
  it("omits defaults and keeps keys it does not own", () => {
    expect(serializeParams(specs, {gpus: 1024, precision: "fp8"}, "?other=1&gpus=8")).toBe("?other=1&precision=fp8");
    expect(serializeParams(specs, {gpus: 1024})).toBe("");
  });

  it("encodes SQL text safely", () => {
    const q = "SELECT * FROM t WHERE a = 'x&y=z' -- #";
    const s = serializeParams(specs, {q: q.slice(0, 200)});
    expect(s).not.toContain("#");
    expect(parseParams(specs, s).values.q).toBe(q);
  });
});

describe("coerce", () => {
  it("reports the clamp for an out-of-range number and refuses a word", () => {
    expect(coerce("gpus", specs.gpus, "0")).toMatchObject({ok: true, value: 1});
    expect(coerce("gpus", specs.gpus, "many")).toMatchObject({ok: false});
  });
});

describe("formatValue", () => {
  it("writes a log slider's float noise as the number it stands for: 99999.9999999972 → 100000, 0.30000000000000004 → 0.3", async () => {
    const {formatValue} = await import("../../src/components/urlParams.js");
    const tokens = {kind: "number", min: 0.1, max: 100000, default: 15000} as const;
    expect(formatValue(tokens, Math.exp(Math.log(100000)))).toBe("100000");
    expect(formatValue(tokens, 0.1 + 0.2)).toBe("0.3");
    expect(formatValue(tokens, 1234.5678)).toBe("1234.5678");
  });
});
