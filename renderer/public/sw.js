// Web mode's app shell cache: what app:// is to the desktop app. With it, the
// page reloads with the seminar server stopped and reads from IndexedDB.
// API calls (/api/) are never cached: sync decides what is fresh.
const CACHE = 'seminar-desk-shell-v4';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('./', { cache: 'no-store' });
      const html = await response.clone().text();
      await cache.put('./', response);
      const assets = new Set([...html.matchAll(/(?:src|href)="(\.?\/?assets\/[^"]+)"/g)].map((match) => match[1]));
      // The build lists every file (vite.renderer.config.ts): chunks loaded later and the workers' scripts
      // are needed offline as much as the page's own.
      try {
        const files = await (await fetch('./asset-manifest.json', { cache: 'no-store' })).json();
        for (const file of files) assets.add(`./${file}`);
      } catch {
        // A build without the list: the page's own assets still make a working shell.
      }
      // The shell first, so the worker takes control within a second of the first sync and an offline
      // reload works; the fonts (hundreds of unicode-range subsets, ~9 MB) follow once the page's sync is
      // up to date (below).
      const [fonts, shell] = partition([...assets], (file) => file.endsWith('.woff2'));
      await cache.addAll(shell);
      pendingFonts = fonts;
      await self.skipWaiting();
    })(),
  );
});

const partition = (list, test) => [list.filter(test), list.filter((item) => !test(item))];

// Fonts still to cache. A worker started later (after the browser stopped it) finds them from the build's list.
let pendingFonts = null;
let fontsCaching = null;

async function cacheFonts() {
  const cache = await caches.open(CACHE);
  let fonts = pendingFonts;
  if (!fonts) {
    try {
      const files = await (await fetch('./asset-manifest.json', { cache: 'no-store' })).json();
      fonts = files.filter((file) => file.endsWith('.woff2')).map((file) => `./${file}`);
    } catch {
      return; // offline: what is cached stays; fonts fetched while online are cached as they are used
    }
  }
  const missing = [];
  for (const font of fonts) if (!(await cache.match(font, MATCH))) missing.push(font);
  // One by one and forgiving: a font that fails now is cached when the page first uses it.
  for (const font of missing) await cache.add(font).catch(() => undefined);
  pendingFonts = [];
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  const immutable = url.pathname.includes('/assets/');
  event.respondWith(immutable ? cacheFirst(event.request) : networkFirst(event.request));
});

// The page asks for the fonts once its sync is up to date (platform/fonts-after-sync.ts): fetched during
// the first sync, hundreds of files took the server's and the browser's time from it.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache-fonts') return;
  fontsCaching ??= cacheFonts().catch(() => undefined);
  event.waitUntil(fontsCaching);
});

// The server varies responses on Origin and Accept-Encoding; the shell is the
// same bytes either way, and a module script's request carries an Origin that
// the install-time fetch did not, so matching must ignore Vary.
const MATCH = { ignoreVary: true };

async function cacheFirst(request) {
  const cached = await caches.match(request, MATCH);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok)
      await (await caches.open(CACHE)).put(request.mode === 'navigate' ? './' : request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request.mode === 'navigate' ? './' : request, MATCH);
    if (cached) return cached;
    throw error;
  }
}
