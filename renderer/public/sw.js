// Web mode's app shell cache: what app:// is to the desktop app. With it, the
// page reloads with the seminar server stopped and reads from IndexedDB.
// API calls (/api/) are never cached: sync decides what is fresh.
const CACHE = 'seminar-desk-shell-v3';

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
      await cache.addAll([...assets]);
      await self.skipWaiting();
    })(),
  );
});

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
