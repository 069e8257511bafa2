// The site's components import libraries as `npm:d3`, `npm:@observablehq/plot` (Framework resolves
// them in the browser; src/components/npm-modules.d.ts). In Node those specifiers mean the same
// packages in node_modules: this module hook strips the prefix, so scripts/firstViews/build.ts can
// import the very components the pages use.
import {register} from "node:module";

const HOOK = `export async function resolve(specifier, context, next) {
  return next(specifier.startsWith("npm:") ? specifier.slice(4) : specifier, context);
}`;

/** Registers the hook; modules imported after this call resolve `npm:` specifiers. */
export function registerNpmSpecifiers(): void {
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
}
