import {readFileSync} from "node:fs";
import {gzipSync} from "node:zlib";
import {resolveStaticPath} from "./serve.js";
import {DIST, newPage, openSite, settle} from "../tests/browser/harness.js";
const site = await openSite();
for (const path of process.argv.slice(2)) {
  const {page, context} = await newPage(site);
  const js: [string, number][] = [];
  page.on("response", (r) => { const u = new URL(r.url()); if (/\.js$/.test(u.pathname)) { const f = resolveStaticPath(DIST, u.pathname); if (f) js.push([u.pathname, gzipSync(readFileSync(f)).length]); } });
  await page.goto(`${site.url}${path}`);
  await settle(page);
  js.sort((a, b) => b[1] - a[1]);
  console.log(path, Math.round(js.reduce((s, x) => s + x[1], 0) / 1024), "KB");
  for (const [p, n] of js.slice(0, 14)) console.log("  ", (n / 1024).toFixed(1), p);
  await context.close();
}
await site.close();
