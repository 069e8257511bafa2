import {buildSync} from "esbuild";
import {gzipSync} from "node:zlib";
const files = process.argv.slice(2);
for (const f of files) {
  const r = buildSync({entryPoints: [f], bundle: true, write: false, format: "esm", minify: true, metafile: true, logLevel: "silent"});
  const inputs = Object.keys(r.metafile.inputs);
  console.log(f, (gzipSync(r.outputFiles[0].contents).length/1024).toFixed(1)+"KB", inputs.some(i=>i.includes("zod"))?"ZOD":"", inputs.filter(i=>i.includes("validation")||i.includes("calibration")||i.includes("planner")).join(","));
}
