// The <head> script that explains glossary terms in place on every page (src/components/termLinks.ts),
// bundled by esbuild into one inline script with the glossary's entries (src/components/glossary.ts).
// observablehq.config.ts puts it in `head`; Framework has no other way to run code on every page.
import {buildSync} from "esbuild";
import {fileURLToPath} from "node:url";
import {GLOSSARY} from "../src/components/glossary.js";
import type {TermSpec} from "../src/components/termLinks.js";

export function termLinksHead(): string {
  const bundle = buildSync({
    entryPoints: [fileURLToPath(new URL("../src/components/termLinks.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "atlasTermLinks",
    target: "es2022",
    minify: true,
    legalComments: "none"
  });
  const code = bundle.outputFiles[0]!.text.trim();
  const specs: TermSpec[] = GLOSSARY.filter((e) => e.matches.length).map(({id, short, matches}) => ({id, short, matches}));
  // `<` escaped so no text in the data can close the script element.
  const data = JSON.stringify(specs).replace(/</g, "\\u003c");
  return `<script>${code};atlasTermLinks.installTermLinks(${data});</script>`;
}
