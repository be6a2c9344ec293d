// A tiny static server for the demo and the browser tests (node:http, no dependencies).
// Serves web/ at /, and the wasm build output (tact_wasm.mjs, tact_wasm.wasm; tact_report.mjs,
// tact_report.wasm for the report page's worker) at /src/, next to tact.js, which imports it from
// there. Binds 127.0.0.1 only. Every page gets a strict CSP: scripts from this origin only,
// WebAssembly compilation allowed, no eval, no inline script or style, and Trusted Types
// required for every script sink with no policy allowed (the widget never writes markup or
// script URLs from strings).
//
//   node web/tools/serve.mjs [--port 8000] [--wasm-dir build/wasm/dist]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = resolve(WEB_DIR, '..');

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

// The report page starts a worker: its script URL comes from the one Trusted Types policy it
// names (web/demo/report.js); every other page may create none.
export const REPORT_PAGE_CSP = CSP.replace("trusted-types 'none'", 'trusted-types tact-report');

/** The CSP of each path: CSP, and REPORT_PAGE_CSP for the report page. */
export function pageCsp(pathname) {
  return pathname === '/demo/report.html' ? REPORT_PAGE_CSP : CSP;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};
const WASM_FILES = new Set(['/src/tact_wasm.mjs', '/src/tact_wasm.wasm', '/src/tact_report.mjs',
  '/src/tact_report.wasm']);

function inside(root, path) {
  return path === root || path.startsWith(root + sep);
}

/**
 * Starts the server; port 0 picks a free one. Resolves to {server, url, close()}. `headers` are
 * added to every file served (bench/widget_speed.mjs sends COOP/COEP for finer timers).
 */
export function startServer({ port = 0, wasmDir = join(REPO_DIR, 'build', 'wasm', 'dist'), log = false,
                              csp = pageCsp, headers = {} } = {}) {
  const wasmRoot = resolve(wasmDir);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (pathname === '/') {
      res.writeHead(302, { Location: '/demo/' }).end();
      return;
    }
    let file;
    if (WASM_FILES.has(pathname)) {
      file = join(wasmRoot, pathname.slice('/src/'.length));
    } else {
      file = normalize(join(WEB_DIR, pathname));
      if (!inside(WEB_DIR, file) || file.includes(`${sep}node_modules${sep}`)) {
        res.writeHead(403).end('forbidden');
        return;
      }
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${pathname}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (log) console.log(`404 ${pathname}`);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (log) console.log(`200 ${pathname}`);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': typeof csp === 'function' ? csp(pathname) : csp,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({
        server,
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const port = Number(value('--port', args.find((a) => /^\d+$/.test(a)) ?? 8000));
  const wasmDir = value('--wasm-dir', join(REPO_DIR, 'build', 'wasm', 'dist'));
  if (!existsSync(join(wasmDir, 'tact_wasm.wasm'))) {
    console.error(`serve: ${join(wasmDir, 'tact_wasm.wasm')} is missing; build it first: ` +
                  'cmake --workflow --preset wasm');
    process.exit(1);
  }
  const { url } = await startServer({ port, wasmDir, log: args.includes('--log') });
  console.log(`Tact demo: ${url}/demo/`);
  console.log(`Plain textarea page: ${url}/demo/plain.html`);
  console.log(`Team report from a CSV/JSONL file: ${url}/demo/report.html`);
  console.log('Serving on 127.0.0.1 only; Ctrl-C to stop.');
}
