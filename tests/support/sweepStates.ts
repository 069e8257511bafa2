// Random but valid page states for the state sweep (tests/browser/sweep.test.ts), built from a
// page's own urlState declarations. Pure and seeded: the same specs, count and seed give the
// same addresses, so a failure printed with its seed and address reproduces.
//
// Each parameter gets its own sequence of `count` values, and state i takes the i-th value of
// every sequence: so every select option appears once `count` reaches the option count, both
// ends of every slider appear, and the rest are random combinations.
import {randomLcg} from "d3";
import {serializeParams, snapNumber} from "../../src/components/urlParams.js";
import type {NumberParam, ParamSpec, ParamSpecs} from "../../src/components/urlParams.js";

type Random = () => number;

/** A seeded permutation (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A random value of a number parameter: log-uniform over wide positive ranges (as the log sliders move), else uniform. */
function randomNumber(spec: NumberParam, random: Random): number {
  const {min, max} = spec;
  const value = min > 0 && max / min >= 100
    ? Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min)))
    : min + random() * (max - min);
  return snapNumber(spec, value);
}

/** `count` values for one parameter, as described at the top of the file. */
function sequence(spec: ParamSpec, count: number, random: Random): unknown[] {
  switch (spec.kind) {
    case "number": {
      const values = [spec.min, spec.max, ...Array.from({length: Math.max(0, count - 2)}, () => randomNumber(spec, random))];
      return shuffled(values.slice(0, count), random);
    }
    case "enum":
    case "id": {
      const options = spec.kind === "enum" ? spec.values : spec.ids;
      if (options.length === 0) return Array.from({length: count}, () => spec.default);
      const order = shuffled(options, random);
      return Array.from({length: count}, (_, i) => order[i % order.length]);
    }
    case "boolean": {
      const start = random() < 0.5;
      return shuffled(Array.from({length: count}, (_, i) => (i % 2 === 0) === start), random);
    }
    case "text":
      // Free text (a SQL query) keeps its default: the SQL box has tests of its own.
      return Array.from({length: count}, () => spec.default);
  }
}

/** The most options any select on the page has (0 with none): a page's sweep covers each at least once. */
export function optionCount(declared: readonly ParamSpecs[]): number {
  let most = 0;
  for (const specs of declared) {
    for (const spec of Object.values(specs)) {
      if (spec.kind === "enum") most = Math.max(most, spec.values.length);
      if (spec.kind === "id") most = Math.max(most, spec.ids.length);
    }
  }
  return most;
}

/** One page state: the values of each declared parameter set, in declaration order. */
export type SweepState = Record<string, unknown>[];

/** The values a parameter can take when they are few (a select, a toggle, fixed text), else null. */
function finiteValues(spec: ParamSpec): readonly unknown[] | null {
  switch (spec.kind) {
    case "number": return null;
    case "enum": return spec.values.length > 0 ? spec.values : [spec.default];
    case "id": return spec.ids.length > 0 ? spec.ids : [spec.default];
    case "boolean": return [false, true];
    case "text": return [spec.default];
  }
}

/** Every combination of the parameters' values when they have no sliders and at most `most` combinations, else null. */
function allStates(declared: readonly ParamSpecs[], most: number): SweepState[] | null {
  let states: SweepState[] = [declared.map(() => ({}))];
  for (const [s, specs] of declared.entries()) {
    for (const [key, spec] of Object.entries(specs)) {
      const values = finiteValues(spec);
      if (values === null || states.length * values.length > most) return null;
      states = states.flatMap((state) => values.map((value) => state.map((set, i) => (i === s ? {...set, [key]: value} : set))));
    }
  }
  return states;
}

/**
 * `count` states over every declared parameter, as described at the top of the file. A page whose
 * parameters are all selects and toggles with at most `count` combinations gets every combination
 * once instead, in a seeded order.
 */
export function sweepStates(declared: readonly ParamSpecs[], count: number, seed: number): SweepState[] {
  const random = randomLcg(seed);
  const all = declared.length > 0 ? allStates(declared, count) : null;
  if (all !== null) return shuffled(all, random);
  const perSet = declared.map((specs) => Object.entries(specs).map(([key, spec]) => [key, sequence(spec, count, random)] as const));
  return Array.from({length: count}, (_, i) => perSet.map((entries) => Object.fromEntries(entries.map(([key, values]) => [key, values[i]]))));
}

/** The address query ("?model=…&n=…", or "" for all defaults) of one state. */
export function stateQuery(declared: readonly ParamSpecs[], state: SweepState): string {
  let search = "";
  declared.forEach((specs, s) => {
    search = serializeParams(specs, (state[s] ?? {}) as Parameters<typeof serializeParams>[1], search);
  });
  return search;
}

/** `count` address queries over every declared parameter (sweepStates written as addresses). */
export function sweepQueries(declared: readonly ParamSpecs[], count: number, seed: number): string[] {
  return sweepStates(declared, count, seed).map((state) => stateQuery(declared, state));
}
