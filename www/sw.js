// The page's service worker: after the first visit the page opens and analyses offline.
//
// What it keeps: every file of the build (index.html, Trunk's hashed app/boot/css files, the
// engine's worker_loader.js + worker.js + worker_bg.wasm, favicon, manifest and the demo files).
// The list and the version are written into this file by the post-build hook
// (crates/posrecon-web/build/externalize_inline_scripts.py): VERSION is a hash of every file's
// name and bytes, so a new build is a new sw.js, which the browser installs as a new worker; it
// copies the new build into its own cache `posrecon-<VERSION>` and, once active, deletes the
// caches of older versions.
//
// How it answers, for the page's own files only (anything else, and other origins, it leaves to
// the browser as if it were not there; the page makes no such request anyway):
// - a file whose name carries Trunk's content hash never changes: from the cache, else network;
// - everything else (the page itself, the unhashed worker files, the demo files): from the
//   network while online, so a page that is online always gets the newest build together, and
//   from this version's cache when the network fails.
// Statement files never pass through here: the page reads them from disk, never by URL.
'use strict';

const VERSION = '__POSRECON_SW_VERSION__';
const FILES = __POSRECON_SW_FILES__;
const CACHE = `posrecon-${VERSION}`;
const KEPT = new Set(FILES);
// `app-3f2a…_bg.wasm`, `styles-9c1d….css`, `boot-5e0b….js`: Trunk's and the hook's hashed names.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // `reload`: the copies come from the server, not from an HTTP cache of an older build.
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith('posrecon-') && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  if (!KEPT.has(path)) return;
  const cached = () => caches.open(CACHE).then((cache) => cache.match(path));
  if (HASHED.test(path)) {
    event.respondWith(cached().then((hit) => hit || fetch(request)));
  } else {
    event.respondWith(fetch(request).catch(() => cached().then((hit) => hit || Response.error())));
  }
});
