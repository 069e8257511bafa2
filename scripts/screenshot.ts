// Takes full-page screenshots of built pages for a human to look at.
// Usage: npx tsx scripts/screenshot.ts /path [/other ...] [--width=375] [--out=/tmp/shots]
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {newPage, openSite, settle} from "../tests/browser/harness.js";

const args = process.argv.slice(2);
const width = Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1280);
const out = args.find((a) => a.startsWith("--out="))?.slice(6) ?? "/tmp/shots";
const paths = args.filter((a) => !a.startsWith("--"));
mkdirSync(out, {recursive: true});
const site = await openSite();
try {
  for (const path of paths) {
    const {page, context, problems} = await newPage(site, {width});
    await page.goto(`${site.url}${path}`);
    await settle(page);
    await page.waitForTimeout(500);
    const file = join(out, `${path.replace(/[^a-z0-9]+/gi, "_") || "index"}-${width}.png`);
    await page.screenshot({path: file, fullPage: true});
    console.log(file, JSON.stringify(problems));
    await context.close();
  }
} finally {
  await site.close();
}
