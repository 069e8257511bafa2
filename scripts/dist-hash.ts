// Prints a SHA-256 manifest of dist/ (path and hash per file), or compares it with an earlier
// manifest: `tsx scripts/dist-hash.ts > a.txt`, then `tsx scripts/dist-hash.ts --compare a.txt`.
// Used by `npm run test:build` to check that two clean builds give the same dist/.
import {createHash} from "node:crypto";
import {readFileSync, readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";

const dist = fileURLToPath(new URL("../dist", import.meta.url));

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const manifest = [...files(dist)]
  .map((path) => `${createHash("sha256").update(readFileSync(path)).digest("hex")}  ${relative(dist, path)}`)
  .join("\n") + "\n";

const compareIndex = process.argv.indexOf("--compare");
if (compareIndex === -1) {
  process.stdout.write(manifest);
} else {
  const earlier = readFileSync(process.argv[compareIndex + 1]!, "utf8");
  if (earlier === manifest) {
    console.log(`dist/ is identical across clean builds (${manifest.trim().split("\n").length} files)`);
  } else {
    const a = new Set(earlier.trim().split("\n"));
    const b = new Set(manifest.trim().split("\n"));
    const onlyA = [...a].filter((l) => !b.has(l));
    const onlyB = [...b].filter((l) => !a.has(l));
    console.error("dist/ differs between two clean builds:");
    for (const l of onlyA.slice(0, 20)) console.error(`  first:  ${l}`);
    for (const l of onlyB.slice(0, 20)) console.error(`  second: ${l}`);
    process.exit(1);
  }
}
