// A tiny static file server for the built page (dist/), bound to 127.0.0.1 on a free port.
// It also logs every request it serves, so a test can check what the page asked for.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves `root`, and each `[prefix, dir]` of `mounts` (a URL prefix ending in '/') from its own
 * folder: the benchmark serves its pages and npm packages beside the page this way.
 */
export async function startServer(root, mounts = []) {
  const served = [];
  const folders = [...mounts, ['/', root]];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    served.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const [prefix, dir] = folders.find(([p]) => rel.startsWith(p));
    const file = path.join(dir, path.normalize(rel.slice(prefix.length)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, served, close: () => new Promise((r) => server.close(r)) };
}
