// Takes full-page screenshots of built pages for a human to look at.
// Usage: npx tsx scripts/screenshot.ts /path [/other ...] [--width=375] [--out=/tmp/shots]
//        [--section="Heading text"]   only the part of the page from that h2 to the next one
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {newPage, openSite, settle} from "../tests/browser/harness.js";

const args = process.argv.slice(2);
const width = Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1280);
const out = args.find((a) => a.startsWith("--out="))?.slice(6) ?? "/tmp/shots";
const section = args.find((a) => a.startsWith("--section="))?.slice(10);
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
    if (section === undefined) {
      await page.screenshot({path: file, fullPage: true});
    } else {
      const clip = await page.evaluate((text) => {
        const headings = [...document.querySelectorAll("#observablehq-main h2")];
        const i = headings.findIndex((h) => h.textContent?.includes(text));
        if (i < 0) return null;
        const top = headings[i]!.getBoundingClientRect().top + window.scrollY;
        const next = headings[i + 1];
        const bottom = next ? next.getBoundingClientRect().top + window.scrollY : document.documentElement.scrollHeight;
        return {x: 0, y: top - 8, width: document.documentElement.clientWidth, height: bottom - top};
      }, section);
      if (clip === null) throw new Error(`screenshot: no h2 containing "${section}" on ${path}`);
      await page.screenshot({path: file, fullPage: true, clip});
    }
    console.log(file, JSON.stringify(problems));
    await context.close();
  }
} finally {
  await site.close();
}
