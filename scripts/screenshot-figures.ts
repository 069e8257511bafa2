// Screenshots every chart (figure or top-level svg) of a built page, one PNG each, so a person
// can look at charts at full resolution.
// Usage: npx tsx scripts/screenshot-figures.ts /path [--width=1280] [--out=/tmp/shots]
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {newPage, openSite, settle} from "../tests/browser/harness.js";

const args = process.argv.slice(2);
const width = Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1280);
const out = args.find((a) => a.startsWith("--out="))?.slice(6) ?? "/tmp/shots";
const path = args.find((a) => !a.startsWith("--")) ?? "/";
mkdirSync(out, {recursive: true});
const site = await openSite();
try {
  const {page, context} = await newPage(site, {width});
  await page.goto(`${site.url}${path}`);
  await settle(page);
  const charts = page.locator("#observablehq-main figure, #observablehq-main > div > svg, #observablehq-main svg.plot-d6a7b5:not(figure svg)");
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const file = join(out, `${path.replace(/[^a-z0-9]+/gi, "_") || "index"}-fig${i}-${width}.png`);
    await charts.nth(i).screenshot({path: file});
    console.log(file);
  }
  await context.close();
} finally {
  await site.close();
}
