// Components import libraries as `npm:…` so that they share the very module instance the page's
// built-in `d3` and `Plot` use (Framework resolves both to one cached file). Bare imports would
// bundle a second copy of d3 from node_modules. These declarations give tsc the real types.
declare module "npm:d3" {
  export * from "d3";
}
declare module "npm:@observablehq/plot" {
  export * from "@observablehq/plot";
}
// Observable Inputs ships no types; what the components use of it.
declare module "npm:@observablehq/inputs" {
  export function table(data: Iterable<unknown>, options?: Record<string, unknown>): HTMLElement;
  export function select(data: readonly unknown[], options?: Record<string, unknown>): HTMLFormElement;
  export function range(extent: readonly [number, number], options?: Record<string, unknown>): HTMLFormElement;
}
