// A small static server for the built site (dist/), bound to 127.0.0.1. Framework's clean URLs
// (/hardware → hardware.html) and application/wasm for DuckDB are handled.
// Usage: npx tsx scripts/serve.ts [port]   (default 3000)
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import type {Server} from "node:http";
import {extname, join, normalize, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.stream",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8"
};

/** Maps a URL path to a file under `root`, or null (also for any path escaping `root`). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath.split("?")[0]!.split("#")[0]!);
  } catch {
    return null;
  }
  const base = resolve(root);
  const candidate = resolve(base, "." + normalize("/" + pathname));
  if (candidate !== base && !candidate.startsWith(base + "/")) return null;
  const options = [candidate, `${candidate}.html`, join(candidate, "index.html")];
  for (const option of options) {
    if (existsSync(option) && statSync(option).isFile()) return option;
  }
  return null;
}

/** Starts serving `root` on 127.0.0.1:`port` (0 picks a free port). */
export function serveStatic(root: string, port = 0): Promise<{server: Server; url: string}> {
  const server = createServer((request, response) => {
    const file = resolveStaticPath(root, request.url ?? "/");
    if (file === null) {
      const notFound = resolveStaticPath(root, "/404");
      response.writeHead(404, {"content-type": "text/html; charset=utf-8"});
      if (notFound) createReadStream(notFound).pipe(response);
      else response.end("Not found");
      return;
    }
    // no-cache + an ETag: the browser revalidates every file and reuses what has not changed (304),
    // so Chromium also keeps its compiled DuckDB WebAssembly between page loads.
    const {size, mtimeMs} = statSync(file);
    const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
    const headers = {"content-type": MIME[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", etag};
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, "127.0.0.1", () => {
      const {port: actual} = server.address() as AddressInfo;
      resolvePromise({server, url: `http://127.0.0.1:${actual}`});
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(new URL("..", import.meta.url)), "dist");
  const port = Number(process.argv[2] ?? 3000);
  serveStatic(root, port).then(({url}) => console.log(`serving dist/ at ${url}`));
}
